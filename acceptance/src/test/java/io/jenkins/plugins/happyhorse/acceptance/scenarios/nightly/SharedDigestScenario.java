package io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly;

import static io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.NightlyJobs.BRANCHES;
import static io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.NightlyJobs.SHARED;
import static io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.NightlyJobs.SHARED_MARKER;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ClipChecks;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Scenario N2: twenty parallel branches of one build ask for the same clip at once (same picture,
 * prompt, settings and seed): one is paid for, the nineteen others wait for it and reuse it; every
 * branch archives its clip.
 */
public abstract class SharedDigestScenario {

    protected abstract Testbed bed();

    @Test
    void twentyBranchesSharingOneDigestPayOnce() {
        Testbed bed = bed();
        Build build = NightlyJobs.sharedDigest(bed);

        String result = build.awaitResult(Bounds.RENDER);
        String log = build.console();

        SimulatorCounters counters = bed.simulator().counters();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        soft.assertThat(counters.jobsFor(SHARED_MARKER)).as("submissions").hasSize(1);
        soft.assertThat(counters.chargesFor(SHARED_MARKER)).isEqualByComparingTo(ClipChecks.PRICE_3S_720P);
        soft.assertThat(RenderLog.lines(log, ": reused=true")).isEqualTo(BRANCHES - 1);
        soft.assertThat(RenderLog.lines(log, ": reused=false")).isEqualTo(1);
        soft.assertThat(RenderLog.lines(log, "Reused the clip of " + SHARED + " #1"))
                .isEqualTo(BRANCHES - 1);
        soft.assertThat(RenderLog.lines(log, "Submitted as")).isEqualTo(1);
        soft.assertThat(build.artifacts()).hasSize(BRANCHES);
        soft.assertAll();
        assertThat(ClipChecks.assertArchivedClip(build, "clips/branch-7.mp4").frames())
                .isPositive();
    }
}
