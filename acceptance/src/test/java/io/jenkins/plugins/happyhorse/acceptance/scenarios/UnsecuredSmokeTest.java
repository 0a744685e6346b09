package io.jenkins.plugins.happyhorse.acceptance.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ClipChecks;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The smoke test, on a controller without security (as Jenkins is before an administrator sets it
 * up): the plugin loads, a render outside {@code node {}} delivers a clip, and a dry run checks and
 * estimates without sending anything. Both builds run at the same time.
 */
@DisplayName("Smoke test on an unsecured controller")
class UnsecuredSmokeTest {
    private static final String MARKER = "[smoke]";
    private static final String IMAGE = "https://images.example.invalid/windmill.png";
    private static Testbed bed;
    private static Build render;
    private static Build dryRun;

    @BeforeAll
    static void startControllerAndBuilds() throws Exception {
        bed = Testbed.start("smoke", false);
        RenderCall call = RenderCall.prompt(MARKER + " A windmill turns in the wind")
                .images(IMAGE)
                .with("credentialsId", Testbed.CREDENTIALS_ID);
        render = PipelineJob.create(
                        bed.admin(), "smoke-render", "echo 'rendered ' + " + call.groovy() + ".artifactPath")
                .scheduleBuild();
        RenderCall dry = RenderCall.prompt(MARKER + " dry run")
                .images(IMAGE)
                .with("credentialsId", Testbed.CREDENTIALS_ID)
                .with("dryRun", true);
        dryRun = PipelineJob.create(bed.admin(), "smoke-dry-run", "echo 'dry run ' + " + dry.groovy() + ".dryRun")
                .scheduleBuild();
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    @DisplayName("Smoke: a render outside node {} on an unsecured controller")
    void aRenderWorksWithoutSecurity() {
        String result = render.awaitResult(Bounds.RENDER);
        String log = render.console();
        assertThat(result).as("render; log:\n%s", log).isEqualTo("SUCCESS");
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(log).contains("rendered happyhorse/clip-1.mp4");
        softly.check(() -> ClipChecks.assertArchivedClip(render, "happyhorse/clip-1.mp4"));
        softly.check(() -> ClipChecks.assertOneJob(
                bed.simulator().counters(), MARKER + " A windmill", "wavespeed", ClipChecks.PRICE_3S_720P));
        softly.assertAll();
    }

    @Test
    @DisplayName("Smoke: a dry run checks and estimates once, and sends nothing")
    void aDryRunSendsNothingAndTellsTheEstimateOnce() {
        String result = dryRun.awaitResult(Bounds.QUICK);
        String log = dryRun.console();
        assertThat(result).as("dry run; log:\n%s", log).isEqualTo("SUCCESS");
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(log)
                .contains("Dry run: the request is valid and would cost about 0.42 USD; nothing was sent to the host")
                .contains("dry run true")
                .doesNotContain("Submitted as");
        softly.assertThat(RenderLog.estimateLines(log))
                .as("lines telling the estimate in:\n%s", log)
                .isEqualTo(1);
        softly.assertThat(bed.simulator().counters().jobsFor(MARKER + " dry run"))
                .as("jobs of the dry run")
                .isEmpty();
        softly.assertAll();
    }
}
