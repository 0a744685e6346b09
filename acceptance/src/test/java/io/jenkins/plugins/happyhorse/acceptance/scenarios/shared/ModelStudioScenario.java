package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.Scripts;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.HappyHorseSettings;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import java.awt.Color;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Scenario 17: the render on Alibaba Model Studio ({@code provider: 'modelstudio'}), in the region
 * and with the default credential the global configuration sets for Model Studio (the step names no
 * {@code credentialsId}, and no fallback {@code defaultCredentialsId} is set while it runs, so the
 * host's own is the only way to the key): the workspace image goes up through the host's temporary storage, which never
 * sees the key, the clip carries no watermark unless asked for, and one task is paid for.
 */
public abstract class ModelStudioScenario {
    public static final String JOB = "s17-model-studio";
    public static final String MARKER = "[s17]";
    public static final String ARTIFACT = "happyhorse/clip-1.mp4";

    protected abstract Testbed bed();

    public static Build start(Testbed bed) {
        String render = RenderCall.prompt(MARKER + " A paper boat drifts on a pond")
                .images("boat.png")
                .with("provider", "modelstudio")
                .groovy();
        // Model Studio refuses an image whose short side is under 400 pixels.
        String script =
                """
                node {
                    %s
                    def clip = %s
                %s
                }
                """
                        .formatted(
                                Scripts.writePng("boat.png", new Color(30, 110, 70), 480, 400),
                                render,
                                Scripts.echoMap("clip"));
        return PipelineJob.create(bed.admin(), JOB, script).scheduleBuild();
    }

    /** The scenario's build, started early by its group or when first asked for. */
    public static Build build(Testbed bed) {
        return bed.started(JOB, () -> start(bed));
    }

    @Test
    void rendersOnModelStudioWithTheConfiguredRegionAndCredential() {
        Testbed bed = bed();
        Build build = build(bed);

        String result = build.awaitResult(Bounds.RENDER);
        String log = build.console();
        SimulatorCounters counters = bed.simulator().counters();
        HappyHorseSettings settings = new HappyHorseSettings(bed.jenkins().scriptConsole());

        assertThat(settings.get("modelStudioCredentialsId")).isEqualTo(Testbed.MODEL_STUDIO_CREDENTIALS_ID);
        // The testbed sets no fallback (scenario 15 sets it later): the host's own was the only way.
        assertThat(settings.get("defaultCredentialsId"))
                .as("defaultCredentialsId")
                .isEqualTo("null");
        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        assertThat(log).contains("Submitted as Model Studio prediction ");
        String id = RenderLog.predictionId(log).orElseThrow();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(RenderLog.estimateLines(log))
                .as("lines telling the estimate in:\n%s", log)
                .isEqualTo(1);
        softly.assertThat(log).contains("[HappyHorse] Done: Model Studio prediction " + id + ", cost 0.42 USD");
        softly.assertThat(RenderLog.returnedMap(log))
                .containsEntry("provider", "modelstudio")
                .containsEntry("predictionId", id)
                .containsEntry("cost", "0.42");
        softly.check(() -> ClipChecks.assertArchivedClip(build, ARTIFACT));
        softly.check(() -> {
            SimulatorCounters.Job job =
                    ClipChecks.assertOneJob(counters, MARKER, "modelstudio", ClipChecks.PRICE_3S_720P);
            assertThat(job.id()).isEqualTo(id);
            assertThat(counters.watermarked(id)).as("watermark on the clip").isFalse();
        });
        softly.assertThat(counters.submissions("modelstudio"))
                .as("Model Studio submissions")
                .isEqualTo(1);
        softly.assertThat(counters.requests("MS_STORAGE"))
                .as("uploads to the storage origin")
                .isGreaterThanOrEqualTo(1);
        softly.assertThat(counters.storageAuthorizations())
                .as("Authorization headers the storage origin received")
                .isEmpty();
        softly.check(() -> ClipChecks.assertKeyNeverSentToMedia(counters));
        softly.assertAll();
    }
}
