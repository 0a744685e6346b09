package io.jenkins.plugins.happyhorse.acceptance.scenarios.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import io.jenkins.plugins.happyhorse.acceptance.pages.SpendLedger;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ClipChecks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Scenario 8: SIGKILL of the controller's JVM while a render waits, then a new start on the same
 * {@code JENKINS_HOME}. With the {@code MAX_SURVIVABILITY} durability hint the build resumes and
 * succeeds with at most one submission. With {@code PERFORMANCE_OPTIMIZED} Jenkins may not be
 * able to resume the Pipeline at all; whatever happens must be explicit in the log, and the host
 * must never be charged a second time. The outcome is written to the reports.
 */
public abstract class KillScenario {
    public static final String MARKER = "[s08-max]";
    public static final String FAST_MARKER = "[s08-fast]";
    public static final String MAX_JOB = "s08-sigkill-max-survivability";

    protected abstract Testbed bed();

    @Test
    void afterSigkillWithMaxSurvivabilityTheBuildResumesWithAtMostOneSubmission() throws Exception {
        Testbed bed = bed();
        Build build = RestartScenarios.waitingRender(bed, MAX_JOB, MARKER, PipelineJob.Durability.MAX_SURVIVABILITY);
        String id = RestartScenarios.predictionId(build);
        RestartScenarios.assertStillWaiting(bed, build, MARKER);
        // The charge is in the spend ledger before the crash (written before the submit was sent).
        assertThat(new SpendLedger(bed.jenkins().scriptConsole()).chargesOf(MAX_JOB))
                .as("the ledger's charges of the job before the SIGKILL")
                .extracting(SpendLedger.Charge::predictionId)
                .containsExactly(id);

        bed.jenkins().kill();
        bed.jenkins().startAgain();

        Build after = build.as(bed.admin());
        String result = after.awaitResult(Bounds.RENDER);
        String log = after.console();
        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        // Once, confirmed, after the resume: the resumed render found the charge written before the crash.
        assertThat(new SpendLedger(bed.jenkins().scriptConsole()).chargesOf(MAX_JOB))
                .as("the ledger's charges of the job after the resume")
                .singleElement()
                .satisfies(charge -> {
                    assertThat(charge.state()).isEqualTo("CONFIRMED");
                    assertThat(charge.predictionId()).isEqualTo(id);
                    assertThat(charge.build()).isEqualTo(String.valueOf(after.number()));
                    assertThat(charge.spent())
                            .isEqualByComparingTo(bed.simulator()
                                    .counters()
                                    .jobsFor(MARKER)
                                    .get(0)
                                    .cost());
                });
        assertThat(log).contains("Resuming the render of WaveSpeed prediction " + id);
        List<SimulatorCounters.Job> jobs = bed.simulator().counters().jobsFor(MARKER);
        assertThat(jobs).as("submissions of the render across the crash").hasSize(1);
        assertThat(jobs.get(0).id()).isEqualTo(id);
        ClipChecks.assertArchivedClip(after, "happyhorse/clip-1.mp4");
    }

    @Test
    void afterSigkillWithPerformanceOptimizedTheOutcomeIsExplicitAndNothingIsChargedTwice(TestReporter reporter)
            throws Exception {
        Testbed bed = bed();
        Build build = RestartScenarios.waitingRender(
                bed, "s08-sigkill-performance-optimized", FAST_MARKER, PipelineJob.Durability.PERFORMANCE_OPTIMIZED);
        String id = RestartScenarios.predictionId(build);
        RestartScenarios.assertStillWaiting(bed, build, FAST_MARKER);

        bed.jenkins().kill();
        bed.jenkins().startAgain();

        Build after = build.as(bed.admin());
        String result = after.awaitResult(Bounds.RENDER);
        String log = after.console();
        List<SimulatorCounters.Job> jobs = bed.simulator().counters().jobsFor(FAST_MARKER);
        List<String> tail =
                log.lines().skip(Math.max(0, log.lines().count() - 12)).toList();
        String outcome = "PERFORMANCE_OPTIMIZED, SIGKILL while prediction " + id + " waited: build " + result
                + ", submissions " + jobs.size() + ", downloads "
                + jobs.stream().mapToLong(SimulatorCounters.Job::downloads).sum() + "\nlast lines of the log:\n"
                + String.join("\n", tail) + "\n";
        reporter.publishEntry("scenario 8 PERFORMANCE_OPTIMIZED", outcome);
        System.out.println("Scenario 8, " + outcome);
        Files.writeString(
                bed.reports().resolve("scenario-08-performance-optimized.txt"), outcome, StandardCharsets.UTF_8);

        // Never a second charge, whatever became of the build.
        assertThat(jobs).as("submissions of the render across the crash").hasSize(1);
        assertThat(RenderLog.lines(log, "Submitted as")).isLessThanOrEqualTo(1);
        if (result.equals("SUCCESS")) {
            assertThat(log).contains("Resuming the render of WaveSpeed prediction " + id);
            ClipChecks.assertArchivedClip(after, "happyhorse/clip-1.mp4");
        } else {
            // Explicit: the log says the build could not be resumed, and names the paid job so
            // that its clip can still be had.
            assertThat(log.toLowerCase(java.util.Locale.ROOT))
                    .as("the log of the build that did not resume:\n%s", log)
                    .containsAnyOf("resume", "not cleanly shut down", "could not be loaded");
            assertThat(log).as("the paid prediction named in the log").contains(id);
        }
    }
}
