package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.client.time.TimeScaledScheduler;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every documented exit code that a host can cause, reached against a simulator started by the
 * test: the command renders through {@code --base-url} with the key from the environment, on an
 * engine clock as fast as the simulator's.
 */
class ExitCodeTest {
    static final double SCALE = 1000;
    static final String KEY = "sk-cli-test-5e4d3c2b1a";

    @TempDir
    Path dir;

    Simulator sim;
    CliHarness cli;

    @BeforeEach
    void startSimulator() throws Exception {
        start(Simulator.builder());
    }

    /** Replaces the simulator with one whose jobs take hours, far beyond any timeout here. */
    private void startWithEndlessJobs() throws Exception {
        sim.close();
        start(Simulator.builder().processingTime(Duration.ofHours(10)));
    }

    private void start(Simulator.Builder builder) throws Exception {
        sim = builder.apiKey(KEY).timeScale(SCALE).seed(7).start();
        cli = new CliHarness(dir)
                .withExampleImages()
                .env("WAVESPEED_API_KEY", KEY)
                .env("ATLASCLOUD_API_KEY", KEY)
                .scheduler(new TimeScaledScheduler(SCALE, sim.simulatedNow()));
    }

    @AfterEach
    void stopSimulator() {
        // Whatever happened, the key never went to the upload and output origin.
        assertThat(sim.stats().mediaAuthorizations()).isEmpty();
        sim.close();
    }

    private CliHarness.Result render(String... extra) {
        return renderAt(sim.waveSpeedBaseUrl().toString(), extra);
    }

    private CliHarness.Result renderAt(String baseUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "render",
                "--base-url",
                baseUrl,
                "--image",
                "product.png",
                "--prompt",
                "The product turns slowly",
                "--duration",
                "3",
                "--out",
                "clip.mp4"));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private long requests() {
        return sim.stats().requestsByRoute().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Test
    void rendersThroughTheBaseUrlWithTheKeyFromTheEnvironment() {
        CliHarness.Result result = render();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(dir.resolve("clip.mp4")).isRegularFile();
        assertThat(sim.stats().submissions(Host.WAVESPEED)).isEqualTo(1);
        assertThat(result.all()).doesNotContain(KEY);
    }

    @Test
    void wrongKeyExitsWithFourWithoutShowingAnyKey() {
        String wrong = "sk-wrong-0a1b2c3d4e5f";
        cli.env("WAVESPEED_API_KEY", wrong);

        CliHarness.Result result = render();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(lastLine(result.err())).startsWith("Error: ");
        assertThat(result.all()).doesNotContain(wrong).doesNotContain(KEY);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void lowBalanceExitsWithFour() {
        sim.setBalance(Host.WAVESPEED, new BigDecimal("0.10"));

        CliHarness.Result result = render();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(sim.stats().totalCharges()).isZero();
    }

    @Test
    void failedJobExitsWithFiveAndNoStackTrace() {
        sim.faults().nextJob(Outcome.FAIL);

        CliHarness.Result result = render();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(lastLine(result.err())).startsWith("Error: ");
        assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(dir.resolve("clip.mp4")).doesNotExist();
    }

    @Test
    void verboseShowsTheStackTrace() {
        sim.faults().nextJob(Outcome.FAIL);

        CliHarness.Result result = render("--verbose");

        assertThat(result.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(result.err()).contains("JobFailedException").contains("\tat ");
        assertThat(result.all()).doesNotContain(KEY);
    }

    @Test
    void invalidInputExitsWithTwoListingEveryViolationBeforeAnyCall() {
        CliHarness.Result result = cli.run(
                "render",
                "--base-url",
                sim.waveSpeedBaseUrl().toString(),
                "--image",
                "missing.png",
                "--image",
                "ftp://example.com/a.png",
                "--resolution",
                "4k",
                "--aspect-ratio",
                "21:9",
                "--duration",
                "20",
                "--seed",
                "-1",
                "--max-cost",
                "lots",
                "--timeout",
                "soon");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err())
                .contains("9 problems")
                .contains("--image #1: missing.png", "file not found")
                .contains("--image #2: ftp://example.com/a.png")
                .contains("--prompt: (empty)")
                .contains("--resolution: 4k is not allowed; allowed: 720p or 1080p")
                .contains("--aspect-ratio: 21:9 is not allowed; allowed: 16:9, 9:16, 1:1, 4:3 or 3:4")
                .contains("--duration: 20 is not allowed; allowed: an integer from 3 to 15")
                .contains("--seed: -1 is not allowed")
                .contains("--max-cost: lots is not allowed")
                .contains("--timeout: soon is not allowed");
        assertThat(requests()).isZero();
    }

    @Test
    void costAboveTheLimitExitsWithThreeBeforeAnyCall() {
        CliHarness.Result result = render("--resolution", "1080p", "--max-cost", "0.50");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.COST_LIMIT);
        assertThat(result.err()).contains("0.84 USD", "0.50 USD");
        assertThat(requests()).isZero();
    }

    @Test
    void dryRunMakesNoRequest() {
        CliHarness.Result result = render("--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).startsWith("Dry run: the request is valid and would cost 0.42 USD");
        assertThat(requests()).isZero();
        assertThat(dir.resolve("clip.mp4")).doesNotExist();
    }

    @Test
    void hostStayingUnavailableExitsWithSeven() {
        sim.faults().next(Route.WS_UPLOAD, Fault.status(503), 20);

        CliHarness.Result result = render();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void wrongClipExitsWithEightAndKeepsNoFile() throws Exception {
        sim.faults().nextJob(Outcome.WRONG_DURATION);

        CliHarness.Result result = render();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("clip"));
        }
    }

    @Test
    void lostSubmitReplyExitsWithNineWithoutSubmittingAgain() {
        sim.faults().next(Route.WS_SUBMIT, Fault.lostSubmitReply());

        CliHarness.Result result = render();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.SUBMISSION_UNCERTAIN);
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void timeoutExitsWithSix() throws Exception {
        startWithEndlessJobs();

        long start = System.nanoTime();
        CliHarness.Result result = render("--timeout", "1s");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.TIMEOUT);
        // --timeout is wall-clock time even though the engine clock runs 1000 times faster.
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
    }

    @Test
    void ctrlCExitsWith130AndSaysTheJobMayStillRun() throws Exception {
        startWithEndlessJobs();
        CtrlC ctrlC = CtrlC.manual();
        cli.ctrlC(ctrlC);

        CompletableFuture<CliHarness.Result> running = CompletableFuture.supplyAsync(this::render);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Once the job has been polled, the command knows its id.
        while ((sim.jobs().isEmpty() || sim.jobs().get(0).polls() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sim.jobs()).hasSize(1);
        ctrlC.press();
        CliHarness.Result result = running.get(10, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CANCELLED);
        String id = sim.jobs().get(0).id();
        assertThat(result.err())
                .containsPattern("Error: .*" + id + ".*cannot cancel")
                .endsWith("run:\n  happyhorse resume " + id + "\n");
    }

    @Test
    void statusReportsACompletedJobAndAFailedOne() {
        CliHarness.Result rendered = render();
        assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
        String id = sim.jobs().get(0).id();

        CliHarness.Result status = cli.run(
                "status",
                id,
                "--provider",
                "wavespeed",
                "--base-url",
                sim.waveSpeedBaseUrl().toString());

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCode.OK);
        assertThat(status.out()).contains("Prediction " + id + " on WaveSpeed: succeeded", "Output: http://127.0.0.1:");

        sim.faults().nextJob(Outcome.FAIL);
        render("--force");
        String failed = sim.jobs().get(1).id();
        CliHarness.Result failedStatus =
                cli.run("status", failed, "--base-url", sim.waveSpeedBaseUrl().toString());
        assertThat(failedStatus.exitCode()).as(failedStatus.toString()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(failedStatus.out()).contains(": failed");
    }

    @Test
    void statusOnAtlasCloud() {
        CliHarness.Result rendered = renderAt(sim.atlasCloudBaseUrl().toString(), "--provider", "atlascloud");
        assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
        String id = sim.jobs().get(0).id();

        CliHarness.Result status = cli.run(
                "status",
                id,
                "--provider",
                "atlascloud",
                "--base-url",
                sim.atlasCloudBaseUrl().toString());

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("on Atlas Cloud: succeeded");
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
