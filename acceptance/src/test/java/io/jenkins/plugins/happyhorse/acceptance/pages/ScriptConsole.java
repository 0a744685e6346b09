package io.jenkins.plugins.happyhorse.acceptance.pages;

import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The script console ({@code POST /scriptText}, with the crumb), which an administrator uses
 * where Configuration as Code is not installed. A script that throws fails the call with the
 * script's output, since the console itself answers 200 either way.
 */
public final class ScriptConsole {
    private static final String DONE = "HH-SCRIPT-DONE";

    private final JenkinsClient admin;

    public ScriptConsole(JenkinsClient admin) {
        this.admin = admin;
    }

    /** Runs {@code script} (imports first, as in any Groovy script) and returns what it printed. */
    public String run(String script) {
        HttpResponse<String> reply =
                admin.postForm("scriptText", Map.of("script", script + "\nprintln '" + DONE + "'\n"));
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("POST scriptText answered " + reply.statusCode() + ": " + reply.body());
        }
        String output = reply.body();
        int done = output.lastIndexOf(DONE);
        if (done < 0) {
            throw new IllegalStateException("The script failed:\n" + output + "\n--- script ---\n" + script);
        }
        return output.substring(0, done);
    }

    /** A Groovy expression that yields {@code text}, safe for any characters (for secrets and URLs). */
    public static String literal(String text) {
        return "new String(Base64.decoder.decode('"
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "'), 'UTF-8')";
    }
}
