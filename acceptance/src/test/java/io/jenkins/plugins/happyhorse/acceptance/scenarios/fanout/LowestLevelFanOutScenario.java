package io.jenkins.plugins.happyhorse.acceptance.scenarios.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.ComputerSet;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import io.jenkins.plugins.happyhorse.acceptance.pages.SpendLedger;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ClipChecks;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Scenario 19: twenty renders in {@code parallel} branches outside {@code node {}} against a
 * WaveSpeed account at the lowest level. Every render succeeds with exactly one accepted
 * submission each; the host never has more than 3 jobs at once; submits it refused with 429
 * charged nothing; no executor is busy while the renders wait for their slots. The simulated
 * wall time is reported against the ideal: the larger of twenty videos at five a minute (4
 * minutes) and the jobs' own processing time spread over 3 at once.
 */
public abstract class LowestLevelFanOutScenario {
    public static final String JOB = "s19-nightly-fan-out";
    public static final String MARKER = "[s19]";
    public static final int RENDERS = 20;
    /** Twenty videos at five a minute. */
    static final Duration AT_FIVE_A_MINUTE = Duration.ofMinutes(4);

    protected abstract Testbed bed();

    @Test
    void twentyClipsAtTheLowestLevelAllSucceedWithTwentyAcceptedSubmissionsAndNoExecutor(TestReporter reporter)
            throws IOException {
        Testbed bed = bed();
        String script =
                """
                def branches = [:]
                for (int i = 1; i <= %1$d; i++) {
                    def n = i
                    branches['clip ' + n] = {
                        def clip = happyHorseRender(images: ['https://images.example.invalid/product-' + n + '.png'],
                            prompt: '%2$s product ' + n + ' turns on a marble table', duration: 3, resolution: '720p',
                            aspectRatio: '16:9', credentialsId: '%3$s', output: 'clips/product-' + n + '.mp4')
                        echo 'rendered ' + clip.artifactPath
                    }
                }
                parallel branches
                """
                        .formatted(RENDERS, MARKER, Testbed.CREDENTIALS_ID);
        PipelineJob job = PipelineJob.create(bed.admin(), JOB, script);

        long started = System.nanoTime();
        Build build = job.scheduleBuild();
        build.awaitLogLine("waiting for a slot at WaveSpeed", Bounds.SUBMIT);
        ComputerSet.Load load = new ComputerSet(bed.admin()).load();
        String result = build.awaitResult(Bounds.RENDER);
        Duration real = Duration.ofNanos(System.nanoTime() - started);
        String log = build.console();
        SimulatorCounters counters = bed.simulator().counters();

        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        assertThat(load.busy())
                .as("busy executors while renders wait for a slot: %s", load.busyWith())
                .isZero();
        List<SimulatorCounters.Job> jobs = counters.jobsFor(MARKER);
        assertThat(jobs).as("accepted submissions").hasSize(RENDERS);
        assertThat(counters.submissions("wavespeed")).isEqualTo(RENDERS);
        assertThat(counters.chargesFor(MARKER))
                .isEqualByComparingTo(ClipChecks.PRICE_3S_720P.multiply(BigDecimal.valueOf(RENDERS)));
        assertThat(mostAtOnce(jobs)).as("jobs the host had at once").isLessThanOrEqualTo(3);
        List<SpendLedger.Charge> charges = new SpendLedger(bed.jenkins().scriptConsole()).chargesOf(JOB);
        BigDecimal ledger = charges.stream().map(SpendLedger.Charge::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
        // Each submit wrote its intent first; the ones the host refused with 429 are void (nothing spent).
        assertThat(charges.stream().filter(c -> c.state().equals("CONFIRMED")))
                .as("confirmed charges in the controller's ledger")
                .hasSize(RENDERS);
        assertThat(charges.stream().filter(c -> c.state().equals("VOID")).count())
                .as("void charges: the submits the host refused")
                .isEqualTo(counters.refusedSubmits("wavespeed"));
        assertThat(ledger)
                .as("the ledger against what the host charged")
                .isEqualByComparingTo(counters.chargesFor(MARKER));
        long refused = counters.refusedSubmits("wavespeed");
        if (refused > 0) {
            assertThat(log).contains("WaveSpeed is busy (429): submitting again in");
        }
        assertThat(RenderLog.lines(log, "Submitted as WaveSpeed prediction")).isEqualTo(RENDERS);
        assertThat(build.artifacts()).hasSize(RENDERS);
        ClipChecks.assertArchivedClip(build, "clips/product-13.mp4");

        Instant first = jobs.stream()
                .map(SimulatorCounters.Job::createdAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = jobs.stream()
                .map(SimulatorCounters.Job::completesAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Duration wall = Duration.between(first, last);
        Duration processing = jobs.stream()
                .map(j -> Duration.between(j.createdAt(), j.completesAt()))
                .reduce(Duration.ZERO, Duration::plus);
        Duration threeAtOnce = processing.dividedBy(3);
        Duration ideal = threeAtOnce.compareTo(AT_FIVE_A_MINUTE) > 0 ? threeAtOnce : AT_FIVE_A_MINUTE;
        String figures = String.format(
                Locale.ROOT,
                "renders: %d, accepted submissions: %d, refused with 429 (nothing charged): %d%n"
                        + "most jobs at the host at once: %d (account limit 3)%n"
                        + "ledger %s USD = host %s USD%n"
                        + "simulated wall time, first submit to last job done: %d min %02d s; ideal %d min %02d s"
                        + " (the larger of 5 a minute: 4 min, and the jobs' processing over 3 at once: %d min %02d s);"
                        + " ratio %.2f%n"
                        + "real time of the build: %.1f s (simulator time scale %s)%n",
                RENDERS,
                jobs.size(),
                refused,
                mostAtOnce(jobs),
                ledger.toPlainString(),
                counters.chargesFor(MARKER).toPlainString(),
                wall.toMinutes(),
                wall.toSecondsPart(),
                ideal.toMinutes(),
                ideal.toSecondsPart(),
                threeAtOnce.toMinutes(),
                threeAtOnce.toSecondsPart(),
                (double) wall.toMillis() / ideal.toMillis(),
                real.toMillis() / 1000.0,
                bed.simulator().timeScale());
        reporter.publishEntry("scenario 19 fan-out", figures);
        System.out.println("Scenario 19, twenty clips at WaveSpeed's lowest level:\n" + figures);
        Files.writeString(bed.reports().resolve("scenario-19-fan-out.txt"), figures, StandardCharsets.UTF_8);
    }

    /** The most jobs unfinished at one simulated instant. */
    static int mostAtOnce(List<SimulatorCounters.Job> jobs) {
        int most = 0;
        for (SimulatorCounters.Job job : jobs) {
            Instant at = job.createdAt();
            int running = 0;
            for (SimulatorCounters.Job other : jobs) {
                if (!other.createdAt().isAfter(at) && other.completesAt().isAfter(at)) {
                    running++;
                }
            }
            most = Math.max(most, running);
        }
        return most;
    }
}
