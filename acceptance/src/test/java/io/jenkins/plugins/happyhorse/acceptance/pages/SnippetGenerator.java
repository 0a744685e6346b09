package io.jenkins.plugins.happyhorse.acceptance.pages;

import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;
import io.jenkins.plugins.happyhorse.acceptance.api.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Pipeline job's Snippet Generator ({@code pipeline-syntax/}): its list of steps and its generator. */
public final class SnippetGenerator {
    private static final Pattern OPTION = Pattern.compile("<option[^>]*>([^<]*)</option>");

    private final JenkinsClient client;
    private final Job job;

    SnippetGenerator(JenkinsClient client, Job job) {
        this.client = client;
        this.job = job;
    }

    /** The titles of the "Sample Step" list, {@code symbol: display name}, as the page lists them. */
    public List<String> stepTitles() {
        String page = client.text(job.path() + "pipeline-syntax/");
        List<String> titles = new ArrayList<>();
        Matcher m = OPTION.matcher(page);
        while (m.find()) {
            titles.add(unescape(m.group(1).trim()));
        }
        return titles;
    }

    /**
     * What "Generate Pipeline Script" gives for the step of class {@code stepClass} with the form
     * values {@code form} (field name to value, as the step's form submits them).
     */
    public String generate(String stepClass, Map<String, Object> form) {
        Map<String, Object> json = new LinkedHashMap<>(form);
        json.put("stapler-class", stepClass);
        json.put("$class", stepClass);
        HttpResponse<String> reply =
                client.postForm(job.path() + "pipeline-syntax/generateSnippet", Map.of("json", Json.write(json)));
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("generateSnippet answered " + reply.statusCode() + ": " + reply.body());
        }
        return reply.body();
    }

    /** The class of the Pipeline step called {@code functionName}, asked of the script console. */
    public static String stepClass(ScriptConsole console, String functionName) {
        return console.run(
                        """
                        import org.jenkinsci.plugins.workflow.steps.StepDescriptor
                        print StepDescriptor.byFunctionName(%s).clazz.name
                        """
                                .formatted(ScriptConsole.literal(functionName)))
                .trim();
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
