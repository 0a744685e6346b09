package io.jenkins.plugins.happyhorse.acceptance.scenarios.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ClipChecks;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7: a clean restart ({@code /safeRestart}) while a render waits: the build resumes and
 * succeeds, with exactly one submission and the clip archived.
 */
public abstract class CleanRestartScenario {
    public static final String MARKER = "[s07]";

    protected abstract Testbed bed();

    @Test
    void aCleanRestartWhileWaitingResumesAndSucceedsWithOneSubmission() throws Exception {
        Testbed bed = bed();
        Build build = RestartScenarios.waitingRender(bed, "s07-clean-restart", MARKER, null);
        String id = RestartScenarios.predictionId(build);
        RestartScenarios.assertStillWaiting(bed, build, MARKER);
        int boots = bed.jenkins().boots();

        bed.jenkins().restart();

        assertThat(bed.jenkins().boots()).isEqualTo(boots + 1);
        Build after = build.as(bed.admin());
        String result = after.awaitResult(Bounds.RENDER);
        String log = after.console();
        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        assertThat(log).contains("Resuming the render of WaveSpeed prediction " + id);
        assertThat(RenderLog.lines(log, "Submitted as"))
                .as("submissions in the log")
                .isEqualTo(1);
        assertThat(RenderLog.returnedMap(log)).containsEntry("predictionId", id);
        ClipChecks.assertOneJob(bed.simulator().counters(), MARKER, "wavespeed", ClipChecks.PRICE_3S_720P);
        ClipChecks.assertArchivedClip(after, "happyhorse/clip-1.mp4");
    }
}
