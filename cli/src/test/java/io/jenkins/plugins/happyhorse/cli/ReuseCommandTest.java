package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render --reuse}: an identical render with a seed costs nothing the second time, and history shows it. */
class ReuseCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    SteppedSimulator rig;

    @BeforeEach
    void start() throws Exception {
        rig = new SteppedSimulator(dir);
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

    private Path file(String name) {
        return rig.cli.workingDirectory().resolve(name);
    }

    @Test
    void aSecondIdenticalRenderWithASeedReusesTheClipAndCostsNothing() throws Exception {
        CliHarness.Result first = render("first.mp4", "--seed", "42");
        assertThat(first.exitCode()).as(first.toString()).isZero();

        CliHarness.Result second = render("second.mp4", "--seed", "42");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("reused, 0 USD (saved 0.42 USD)");
        assertThat(second.err()).contains("reused: second.mp4 is the clip");
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
        assertThat(Files.readAllBytes(file("second.mp4"))).isEqualTo(Files.readAllBytes(file("first.mp4")));

        CliHarness.Result history = rig.cli.run("history");
        assertThat(history.out()).contains("0 (reused, saved 0.42)");
        assertThat(history.out())
                .contains("1 render reused an identical earlier clip instead of paying again, saving 0.42 USD.");

        JsonNode json = MAPPER.readTree(rig.cli.run("history", "--json").out());
        JsonNode reused = json.path("renders").get(0);
        assertThat(reused.path("reused").asBoolean()).isTrue();
        assertThat(reused.path("costUsd").asText()).isEqualTo("0");
        assertThat(reused.path("savedUsd").asText()).isEqualTo("0.42");
        assertThat(reused.path("billed").asBoolean()).isFalse();
        assertThat(reused.path("state").asText()).isEqualTo("done");
        JsonNode paid = json.path("renders").get(1);
        assertThat(paid.path("reused").asBoolean()).isFalse();
        assertThat(paid.path("savedUsd").isNull()).isTrue();
        assertThat(reused.path("predictionId").asText())
                .isEqualTo(paid.path("predictionId").asText());
    }

    @Test
    void theStoresOwnCopyServesWhenTheFirstOutputWasDeleted() throws Exception {
        render("first.mp4", "--seed", "42");
        byte[] clip = Files.readAllBytes(file("first.mp4"));
        Files.delete(file("first.mp4"));

        CliHarness.Result again = render("again.mp4", "--seed", "42");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("reused, 0 USD");
        assertThat(Files.readAllBytes(file("again.mp4"))).isEqualTo(clip);
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void autoReusesOnlyWithASeedNeverAlwaysPaysAndAlwaysReusesWithoutOne() {
        render("a.mp4");
        render("b.mp4");
        assertThat(rig.sim.stats().submissions())
                .as("without a seed, auto renders afresh")
                .isEqualTo(2);

        CliHarness.Result always = render("c.mp4", "--reuse", "always");
        assertThat(always.out()).contains("reused, 0 USD");
        assertThat(rig.sim.stats().submissions()).isEqualTo(2);

        render("d.mp4", "--seed", "42");
        CliHarness.Result never = render("e.mp4", "--seed", "42", "--reuse", "never");
        assertThat(never.exitCode()).as(never.toString()).isZero();
        assertThat(never.out()).doesNotContain("reused");
        assertThat(rig.sim.stats().submissions()).isEqualTo(4);
    }

    @Test
    void anUnknownReuseWordIsRefusedNamingTheOptionBeforeAnyCall() {
        CliHarness.Result bad = render("a.mp4", "--seed", "42", "--reuse", "sometimes");

        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("--reuse").contains("sometimes").contains("auto, always or never");
        assertThat(rig.sim.stats().requests(Route.ANY)).isZero();
    }

    @Test
    void theBuiltInSimulatorsClipsAreNeverReusedForAHost() {
        CliHarness.Result simulated = rig.cli.run(
                "render",
                "--provider",
                "simulator",
                "--image",
                "product.png",
                "--prompt",
                "Turn",
                "--duration",
                "3",
                "--seed",
                "42",
                "--out",
                "sim.mp4");
        assertThat(simulated.exitCode()).as(simulated.toString()).isZero();

        CliHarness.Result real = render("real.mp4", "--seed", "42");

        assertThat(real.out()).doesNotContain("reused");
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
    }
}
