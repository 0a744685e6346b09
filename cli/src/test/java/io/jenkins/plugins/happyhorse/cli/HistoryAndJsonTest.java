package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render history, the seed, and the {@code --json} output checked against its documentation. */
class HistoryAndJsonTest {
    static final Path CLI_MD = CliHarness.EXAMPLES.resolve("../cli.md").normalize();
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    SteppedSimulator rig;

    @BeforeEach
    void start() throws Exception {
        rig = new SteppedSimulator(dir);
        rig.cli.clock(new MinuteClock(Instant.parse("2026-03-01T10:15:00Z")));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private CliHarness.Result render(String out, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "render",
                "--base-url",
                rig.waveSpeed(),
                "--image",
                "product.png",
                "--prompt",
                "Turn",
                "--duration",
                "3",
                "--out",
                out));
        args.addAll(List.of(extra));
        return rig.cli.run(args.toArray(String[]::new));
    }

    @Test
    void theSeedSentOrTheHostsChoiceIsPrinted() {
        assertThat(render("a.mp4", "--seed", "42").out()).contains(", seed 42, prediction ");
        assertThat(render("b.mp4").out()).contains(", seed chosen by WaveSpeed, prediction ");
    }

    @Test
    void historyListsTimeHostIdSeedCostStateAndOutputNewestFirst() {
        render("first.mp4", "--seed", "42");
        rig.sim.faults().nextJob(Outcome.FAIL);
        render("second.mp4");
        String first = rig.sim.jobs().get(0).id();
        String second = rig.sim.jobs().get(1).id();

        CliHarness.Result history = rig.cli.run("history");

        assertThat(history.exitCode()).isZero();
        List<String> lines = history.out().lines().toList();
        assertThat(lines.get(0)).matches("TIME +HOST +ID +SEED +COST +STATE +OUTPUT");
        assertThat(lines.get(1))
                .matches("2026-03-01 10:1\\d +wavespeed +" + second + " +host +0\\.42 +failed +/.*second\\.mp4");
        assertThat(lines.get(2))
                .matches("2026-03-01 10:1\\d +wavespeed +" + first + " +42 +0\\.42 +done +/.*first\\.mp4");
        assertThat(rig.cli.run("history", "--limit", "1").out()).contains("1 older renders not shown");
    }

    @Test
    void everyDocumentedJsonFieldIsPresent() throws Exception {
        Map<String, List<String>> documented = documentedFields();
        assertThat(documented)
                .containsKeys("every document", "the render record", "render", "estimate", "status", "history");

        JsonNode rendered = json(render("clip.mp4", "--json"));
        String id = rig.sim.jobs().get(0).id();
        JsonNode estimated = json(rig.cli.run("estimate", "--json", "--resolution", "1080p"));
        JsonNode status = json(rig.cli.run("status", id, "--json"));
        JsonNode history = json(rig.cli.run("history", "--json"));
        JsonNode failed = json(rig.cli.run("estimate", "--json", "--duration", "99"));

        for (JsonNode doc : List.of(rendered, estimated, status, history)) {
            assertHas(doc, documented.get("every document"), "error.");
            assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(doc.get("ok").asBoolean()).as(doc.toString()).isTrue();
        }
        assertHas(failed, documented.get("every document"), "");
        assertThat(failed.get("exitCode").asInt()).isEqualTo(ExitCode.USAGE);
        assertThat(failed.at("/error/problems/0/field").asText()).isEqualTo("--duration");
        assertHas(rendered, documented.get("render"), "");
        assertHas(estimated, documented.get("estimate"), "");
        assertHas(status, documented.get("status"), "");
        assertHas(history, documented.get("history"), "");
        assertHas(rendered.get("render"), documented.get("the render record"), "");
        assertHas(history.get("renders").get(0), documented.get("the render record"), "");
        assertThat(rendered.at("/render/predictionId").asText()).isEqualTo(id);
        assertThat(rendered.at("/render/state").asText()).isEqualTo("done");
        assertThat(status.at("/status/state").asText()).isEqualTo("succeeded");
        assertThat(estimated.at("/estimate/usd").asText()).isEqualTo("1.40");
    }

    /** A wall clock that moves on a minute each time it is read. */
    static final class MinuteClock extends Clock {
        private Instant now;

        MinuteClock(Instant start) {
            now = start;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(60);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static void assertHas(JsonNode doc, List<String> fields, String skipPrefix) {
        for (String field : fields) {
            if (!skipPrefix.isEmpty() && field.startsWith(skipPrefix)) {
                continue;
            }
            JsonNode node = doc;
            for (String part : field.split("\\.")) {
                boolean array = part.endsWith("[]");
                String name = array ? part.substring(0, part.length() - 2) : part;
                assertThat(node.has(name)).as("%s in %s", field, doc).isTrue();
                node = node.get(name);
                if (array && node.size() > 0) {
                    node = node.get(0);
                } else if (node.isNull() || (array && node.size() == 0)) {
                    break; // a documented null (or empty) value: what is below it is absent
                }
            }
        }
    }

    private static JsonNode json(CliHarness.Result result) throws Exception {
        assertThat(result.out()).as(result.toString()).startsWith("{");
        return MAPPER.readTree(result.out());
    }

    /** The fields docs/cli.md lists, by the heading of their table under "JSON output". */
    static Map<String, List<String>> documentedFields() throws Exception {
        String doc = Files.readString(CLI_MD);
        int start = doc.indexOf("## JSON output");
        int end = doc.indexOf("\n## ", start + 1);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String heading = null;
        Matcher m = Pattern.compile("(?m)^### (.+)$|^\\| `([^`]+)` \\|").matcher(section);
        while (m.find()) {
            if (m.group(1) != null) {
                heading = m.group(1)
                        .replace("`", "")
                        .replace(" --json", "")
                        .strip()
                        .toLowerCase(java.util.Locale.ROOT);
                fields.put(heading, new ArrayList<>());
            } else if (heading != null) {
                fields.get(heading).add(m.group(2));
            }
        }
        return fields;
    }
}
