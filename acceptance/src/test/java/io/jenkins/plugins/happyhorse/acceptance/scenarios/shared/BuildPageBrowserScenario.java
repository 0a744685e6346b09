package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.happyhorse.acceptance.browser.Browser;
import io.jenkins.plugins.happyhorse.acceptance.browser.BuildPageView;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.JenkinsController;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.media.Mp4File;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Scenario 14: scenario 1's build page in headless Chromium. The {@code <video>} loads the
 * archived clip (its duration within 0.5 s of the 3 s asked for, its picture as large as the
 * clip's) and plays; the browser's console shows no error, content security policy included. A
 * screenshot is saved with the reports.
 */
public abstract class BuildPageBrowserScenario {
    protected abstract Testbed bed();

    @Test
    void theBuildPagePlaysTheClipWithoutConsoleErrors(TestReporter reporter) throws Exception {
        Testbed bed = bed();
        Build build = ScriptedPipelineScenario.build(bed);
        assertThat(build.awaitResult(Bounds.RENDER)).isEqualTo("SUCCESS");
        String id = RenderLog.predictionId(build.console()).orElseThrow();
        Mp4File clip = Mp4File.read(build.artifact(ScriptedPipelineScenario.ARTIFACT));

        try (Browser browser = Browser.start(bed.environment().workDir().resolve("browser-14"), bed.reports())) {
            browser.signIn(
                    bed.jenkins().url(), JenkinsController.ADMIN, bed.jenkins().adminPassword());
            BuildPageView page = new BuildPageView(browser, bed.jenkins().url().resolve(build.path())).open();

            BuildPageView.Video video = page.awaitVideoMetadata();
            double played = page.play(1.0);
            Path screenshot = browser.screenshot("scenario-14-build-page");
            List<String> errors = browser.consoleErrors();
            String seen = "video " + video + ", played to " + played + " s, console errors " + errors + ", screenshot "
                    + screenshot;
            reporter.publishEntry("scenario 14 browser", seen);
            System.out.println("Scenario 14, the build page in Chromium: " + seen);
            Files.writeString(bed.reports().resolve("scenario-14-browser.txt"), seen + "\n", StandardCharsets.UTF_8);

            assertThat(video.source()).endsWith(build.artifactPath(ScriptedPipelineScenario.ARTIFACT));
            assertThat(video.durationSeconds()).as("the player's duration").isCloseTo(3.0, within(0.5));
            assertThat(video.width()).as("the player's videoWidth").isEqualTo(clip.width());
            assertThat(video.height()).as("the player's videoHeight").isEqualTo(clip.height());
            assertThat(played).as("currentTime after playing").isGreaterThanOrEqualTo(1.0);
            assertThat(page.mainText()).contains(id);
            assertThat(errors)
                    .as("the browser console's errors (CSP violations included)")
                    .isEmpty();
            assertThat(screenshot).isRegularFile();
        }
    }
}
