package io.jenkins.plugins.happyhorse.acceptance.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;
import io.jenkins.plugins.happyhorse.acceptance.harness.Waits;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A job's page ({@code /job/NAME/}): created from its {@code config.xml}, built, its builds. */
public class Job {
    protected final JenkinsClient client;
    protected final String name;

    protected Job(JenkinsClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /** Creates a job from {@code configXml} ({@code POST /createItem}), as an administrator. */
    protected static void createFromXml(JenkinsClient admin, String name, String configXml) {
        HttpResponse<String> reply = admin.post(
                "createItem?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                "application/xml; charset=UTF-8",
                configXml);
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(
                    "Creating the job " + name + " answered " + reply.statusCode() + ": " + reply.body());
        }
    }

    public String name() {
        return name;
    }

    /** The job's path under the root, {@code job/NAME/}. */
    public String path() {
        return "job/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/";
    }

    /** The same job seen by another user. */
    public Job as(JenkinsClient other) {
        return new Job(other, name);
    }

    /** Schedules a build and waits (bounded) until it has left the queue; its build. */
    public Build scheduleBuild() {
        HttpResponse<String> reply = client.postForm(path() + "build?delay=0sec", Map.of());
        if (reply.statusCode() != 201) {
            throw new IllegalStateException(
                    "POST " + path() + "build answered " + reply.statusCode() + ": " + reply.body());
        }
        String location = reply.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("No Location for the queued build of " + name));
        String queueItem = URI.create(location).getPath().replaceFirst("^/", "");
        int number = Waits.until("build of " + name + " to leave the queue", Duration.ofMinutes(3), () -> {
            JsonNode item = client.json(queueItem + "api/json?tree=executable[number],why,cancelled");
            if (item.path("cancelled").asBoolean()) {
                throw new IllegalStateException("The queued build of " + name + " was cancelled");
            }
            JsonNode executable = item.path("executable");
            return executable.hasNonNull("number")
                    ? Waits.Poll.done(executable.path("number").asInt())
                    : Waits.Poll.<Integer>notYet(
                            "in the queue: " + item.path("why").asText());
        });
        return build(number);
    }

    /** Build number {@code number} of this job. */
    public Build build(int number) {
        return new Build(client, this, number);
    }

    @Override
    public String toString() {
        return name;
    }
}
