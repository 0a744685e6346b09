package io.jenkins.plugins.happyhorse.acceptance.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;
import java.util.ArrayList;
import java.util.List;

/** The nodes page ({@code /computer/}): how many executors there are and which are busy. */
public final class ComputerSet {
    private final JenkinsClient client;

    public ComputerSet(JenkinsClient client) {
        this.client = client;
    }

    /**
     * Executors now: {@code busy} and {@code total} as the page counts them (regular executors,
     * not the flyweight ones a Pipeline's own program runs on), and what each busy one runs.
     */
    public record Load(int busy, int total, List<String> busyWith) {}

    public Load load() {
        JsonNode json = client.json("computer/api/json?tree=busyExecutors,totalExecutors,"
                + "computer[displayName,executors[idle,currentExecutable[url]]]");
        List<String> busyWith = new ArrayList<>();
        for (JsonNode computer : json.path("computer")) {
            for (JsonNode executor : computer.path("executors")) {
                if (!executor.path("idle").asBoolean(true)) {
                    busyWith.add(computer.path("displayName").asText() + ": "
                            + executor.path("currentExecutable").path("url").asText("?"));
                }
            }
        }
        return new Load(
                json.path("busyExecutors").asInt(), json.path("totalExecutors").asInt(), busyWith);
    }
}
