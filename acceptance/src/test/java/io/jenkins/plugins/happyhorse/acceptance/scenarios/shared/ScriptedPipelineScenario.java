package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.Scripts;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: a scripted Pipeline renders two workspace images inside {@code node {}}: SUCCESS,
 * the returned map, the archived MP4 (structure, duration, picture size), the build page's clip.
 */
public abstract class ScriptedPipelineScenario {
    public static final String JOB = "s01-scripted-pipeline";
    public static final String MARKER = "[s01]";
    public static final String ARTIFACT = "happyhorse/clip-1.mp4";

    protected abstract Testbed bed();

    /** Creates the job and starts its build. */
    public static Build start(Testbed bed) {
        String render = RenderCall.prompt(MARKER + " The product turns slowly on a marble table")
                .images("assets/product.png", "assets/style.png")
                .with("credentialsId", Testbed.CREDENTIALS_ID)
                .with("seed", 42)
                .groovy();
        String script =
                """
                node {
                    %s
                    %s
                    def clip = %s
                %s
                }
                """
                        .formatted(
                                Scripts.writePng("assets/product.png", new Color(30, 90, 200)),
                                Scripts.writePng("assets/style.png", new Color(230, 120, 20)),
                                render,
                                Scripts.echoMap("clip"));
        return PipelineJob.create(bed.admin(), JOB, script).scheduleBuild();
    }

    /** The build, started early by the lane or now. */
    public static Build build(Testbed bed) {
        return bed.started(JOB, () -> start(bed));
    }

    @Test
    void rendersTwoWorkspaceImagesInsideNodeAndArchivesAVerifiedClip() {
        Testbed bed = bed();
        Build build = build(bed);

        String result = build.awaitResult(Bounds.RENDER);
        String log = build.console();
        SimulatorCounters counters = bed.simulator().counters();

        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        String id = RenderLog.predictionId(log).orElseThrow(() -> new AssertionError("no submission in:\n" + log));
        SoftAssertions softly = new SoftAssertions();
        // What the user reads, each once: the estimate, both uploads, the submission, the result.
        softly.assertThat(RenderLog.estimateLines(log))
                .as("lines telling the estimate in:\n%s", log)
                .isEqualTo(1);
        softly.assertThat(log).as("upload progress").contains("image 1 of 2").contains("image 2 of 2");
        softly.assertThat(RenderLog.lines(log, "Submitted as WaveSpeed prediction " + id))
                .isEqualTo(1);
        softly.assertThat(log)
                .contains("[HappyHorse] Wrote " + ARTIFACT + " in the workspace")
                .contains("[HappyHorse] Archived " + ARTIFACT)
                .contains("[HappyHorse] Done: WaveSpeed prediction " + id + ", cost 0.42 USD")
                .doesNotContain(bed.apiKey());

        Map<String, String> clip = RenderLog.returnedMap(log);
        softly.assertThat(clip)
                .as("the map the step returned")
                .containsEntry("output", ARTIFACT)
                .containsEntry("artifactPath", ARTIFACT)
                .containsEntry("provider", "wavespeed")
                .containsEntry("predictionId", id)
                .containsEntry("seed", "42")
                .containsEntry("cost", "0.42")
                .containsEntry("duration", "3")
                .containsEntry("resolution", "720p")
                .containsEntry("aspectRatio", "16:9")
                .containsEntry("width", "1280")
                .containsEntry("height", "720")
                .containsEntry("measuredDuration", "3.0")
                .containsEntry("dryRun", "false")
                .containsKey("outputUrl");

        softly.check(() -> {
            ClipChecks.assertArchivedClip(build, ARTIFACT);
            assertThat(clip).containsEntry("bytes", Integer.toString(build.artifact(ARTIFACT).length));
        });
        softly.check(() -> {
            SimulatorCounters.Job job =
                    ClipChecks.assertOneJob(counters, MARKER, "wavespeed", ClipChecks.PRICE_3S_720P);
            assertThat(job.id()).isEqualTo(id);
            assertThat(job.downloads()).as("downloads of the clip").isGreaterThanOrEqualTo(1);
            assertThat(counters.requests("WS_UPLOAD") + counters.requests("WS_UPLOAD_BINARY"))
                    .as("uploads to WaveSpeed")
                    .isGreaterThanOrEqualTo(2);
        });
        softly.check(() -> ClipChecks.assertKeyNeverSentToMedia(counters));

        // The build page shows the clip: a player on the archived artifact, and the render's facts.
        HttpResponse<String> page = build.page();
        softly.assertThat(page.statusCode()).isEqualTo(200);
        softly.assertThat(page.body())
                .as("the build page")
                .contains("<video")
                .contains(build.artifactPath(ARTIFACT))
                .contains(id);
        HttpResponse<String> clips = bed.admin().get(build.path() + "happyhorse/");
        softly.assertThat(clips.statusCode()).as("the build's HappyHorse page").isEqualTo(200);
        softly.assertThat(clips.body())
                .as("the build's HappyHorse page")
                .contains(id)
                .contains("<video");
        softly.assertAll();
    }
}
