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
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Scenario 3: the same render on Atlas Cloud ({@code provider: 'atlascloud'}), its upload and its price. */
public abstract class AtlasCloudScenario {
    public static final String JOB = "s03-atlas-cloud";
    public static final String MARKER = "[s03]";
    public static final String ARTIFACT = "happyhorse/clip-1.mp4";

    protected abstract Testbed bed();

    public static Build start(Testbed bed) {
        String render = RenderCall.prompt(MARKER + " A lighthouse at dusk, waves below")
                .images("lighthouse.png")
                .with("provider", "atlascloud")
                .with("credentialsId", Testbed.CREDENTIALS_ID)
                .groovy();
        String script =
                """
                node {
                    %s
                    def clip = %s
                %s
                }
                """
                        .formatted(
                                Scripts.writePng("lighthouse.png", new Color(20, 40, 90)),
                                render,
                                Scripts.echoMap("clip"));
        return PipelineJob.create(bed.admin(), JOB, script).scheduleBuild();
    }

    public static Build build(Testbed bed) {
        return bed.started(JOB, () -> start(bed));
    }

    @Test
    void rendersOnAtlasCloud() {
        Testbed bed = bed();
        Build build = build(bed);

        String result = build.awaitResult(Bounds.RENDER);
        String log = build.console();
        SimulatorCounters counters = bed.simulator().counters();

        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        assertThat(log).contains("Submitted as Atlas Cloud prediction ");
        String id = RenderLog.predictionId(log).orElseThrow();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(RenderLog.estimateLines(log))
                .as("lines telling the estimate in:\n%s", log)
                .isEqualTo(1);
        softly.assertThat(log).contains("[HappyHorse] Done: Atlas Cloud prediction " + id + ", cost 0.42 USD");
        softly.assertThat(RenderLog.returnedMap(log))
                .containsEntry("provider", "atlascloud")
                .containsEntry("predictionId", id)
                .containsEntry("cost", "0.42");
        softly.check(() -> ClipChecks.assertArchivedClip(build, ARTIFACT));
        softly.check(() -> {
            SimulatorCounters.Job job =
                    ClipChecks.assertOneJob(counters, MARKER, "atlascloud", ClipChecks.PRICE_3S_720P);
            assertThat(job.id()).isEqualTo(id);
            assertThat(counters.requests("AC_UPLOAD")).as("Atlas Cloud uploads").isGreaterThanOrEqualTo(1);
        });
        softly.check(() -> ClipChecks.assertKeyNeverSentToMedia(counters));
        softly.assertAll();
    }
}
