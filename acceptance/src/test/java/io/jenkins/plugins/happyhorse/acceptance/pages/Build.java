package io.jenkins.plugins.happyhorse.acceptance.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;
import io.jenkins.plugins.happyhorse.acceptance.harness.Waits;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A build's pages: its JSON API, its console, its artifacts and its summary page. */
public final class Build {
    private final JenkinsClient client;
    private final Job job;
    private final int number;

    Build(JenkinsClient client, Job job, int number) {
        this.client = client;
        this.job = job;
        this.number = number;
    }

    public int number() {
        return number;
    }

    public Job job() {
        return job;
    }

    /** The build's path under the root, {@code job/NAME/N/}. */
    public String path() {
        return job.path() + number + "/";
    }

    /** The same build seen by another user. */
    public Build as(JenkinsClient other) {
        return new Build(other, job.as(other), number);
    }

    /** Whether it still runs. */
    public boolean isBuilding() {
        return client.json(path() + "api/json?tree=building").path("building").asBoolean();
    }

    /** Its result once over ({@code SUCCESS}, {@code FAILURE}, {@code ABORTED}...). */
    public Optional<String> result() {
        JsonNode json = client.json(path() + "api/json?tree=building,result");
        return json.path("building").asBoolean() || json.path("result").isNull()
                ? Optional.empty()
                : Optional.of(json.path("result").asText());
    }

    /**
     * Waits (bounded) until the build is over and its log complete (Jenkins writes the last lines,
     * up to "Finished: RESULT", after the result is known); its result.
     */
    public String awaitResult(Duration bound) {
        String result = Waits.until("build " + this + " to finish", bound, () -> {
            Optional<String> over = result();
            return over.isPresent() ? Waits.Poll.done(over.get()) : Waits.Poll.<String>notYet(lastLine());
        });
        Waits.untilTrue("the log of " + this + " to end with \"Finished: " + result + "\"", bound, () -> console()
                .contains("Finished: " + result));
        return result;
    }

    /** The whole console log as text. */
    public String console() {
        return client.text(path() + "consoleText");
    }

    /** Waits (bounded) until a console line contains {@code text}; that line. */
    public String awaitLogLine(String text, Duration bound) {
        return Waits.until("\"" + text + "\" in the log of " + this, bound, () -> {
            for (String line : console().split("\n")) {
                if (line.contains(text)) {
                    return Waits.Poll.done(line);
                }
            }
            if (result().isPresent()) {
                throw new AssertionError("Build " + this + " ended (" + result().get() + ") without logging \"" + text
                        + "\":\n" + console());
            }
            return Waits.Poll.<String>notYet(lastLine());
        });
    }

    /** Every console line that contains {@code text}. */
    public List<String> logLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : console().split("\n")) {
            if (line.contains(text)) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The first group of {@code pattern} in the console, if any line matches. */
    public Optional<String> find(Pattern pattern) {
        Matcher m = pattern.matcher(console());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The archived artifacts' paths. */
    public List<String> artifacts() {
        List<String> paths = new ArrayList<>();
        for (JsonNode artifact :
                client.json(path() + "api/json?tree=artifacts[relativePath]").path("artifacts")) {
            paths.add(artifact.path("relativePath").asText());
        }
        return paths;
    }

    /** The bytes of an archived artifact. */
    public byte[] artifact(String relativePath) {
        HttpResponse<byte[]> reply = client.getBytes(artifactPath(relativePath));
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET artifact " + relativePath + " of " + this + " answered " + reply.statusCode());
        }
        return reply.body();
    }

    /** The path of an artifact under the root. */
    public String artifactPath(String relativePath) {
        return path() + "artifact/" + relativePath;
    }

    /** The build's page (HTML), as this client sees it. */
    public HttpResponse<String> page() {
        return client.get(path());
    }

    /** Aborts the build, as the stop button does. */
    public void stop() {
        HttpResponse<String> reply = client.postForm(path() + "stop", Map.of());
        if (reply.statusCode() >= 400) {
            throw new IllegalStateException("POST " + path() + "stop answered " + reply.statusCode());
        }
    }

    private String lastLine() {
        try {
            String[] lines = console().split("\n");
            return "still running; last log line: " + lines[lines.length - 1];
        } catch (RuntimeException e) {
            return "still running; log not readable: " + e.getMessage();
        }
    }

    @Override
    public String toString() {
        return job.name() + " #" + number;
    }
}
