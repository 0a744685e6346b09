package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.Images;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.FreestyleJob;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: a freestyle job (a shell step writes the image, then the plugin's build step). A
 * freestyle build holds its executor while it waits and cannot survive a restart: its log must
 * say so, not promise otherwise.
 */
public abstract class FreestyleScenario {
    public static final String JOB = "s05-freestyle";
    public static final String MARKER = "[s05]";
    public static final String ARTIFACT = "clips/freestyle-${BUILD_NUMBER}.mp4";

    protected abstract Testbed bed();

    public static Build start(Testbed bed) {
        String builder = FreestyleJob.builderClass(
                bed.jenkins().scriptConsole(), bed.jenkins().pluginName());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("prompt", MARKER + " A paper boat drifts down a stream");
        fields.put("duration", 3);
        fields.put("resolution", "720p");
        fields.put("aspectRatio", "16:9");
        fields.put("credentialsId", Testbed.CREDENTIALS_ID);
        fields.put("output", ARTIFACT);
        fields.put("archive", true);
        String shell =
                "mkdir -p refs && echo '" + Images.pngBase64(new Color(40, 160, 90)) + "' | base64 -d > refs/boat.png";
        return FreestyleJob.create(bed.admin(), JOB, shell, builder, List.of("refs/boat.png"), fields)
                .scheduleBuild();
    }

    public static Build build(Testbed bed) {
        return bed.started(JOB, () -> start(bed));
    }

    @Test
    void rendersInAFreestyleJobAndSaysItHoldsItsExecutor() {
        Testbed bed = bed();
        Build build = build(bed);

        String result = build.awaitResult(Bounds.RENDER);
        String log = build.console();
        SimulatorCounters counters = bed.simulator().counters();
        String artifact = ARTIFACT.replace("${BUILD_NUMBER}", Integer.toString(build.number()));

        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        String id = RenderLog.predictionId(log).orElseThrow();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(RenderLog.estimateLines(log))
                .as("lines telling the estimate in:\n%s", log)
                .isEqualTo(1);
        softly.assertThat(log).contains("[HappyHorse] Archived " + artifact).contains("[HappyHorse] Result:");
        // A freestyle build holds its executor while it waits: the log must not claim otherwise,
        // and it must say that a restart of the controller aborts it.
        softly.assertThat(log)
                .as("the freestyle log's promise about executors")
                .doesNotContain("without holding an executor");
        softly.assertThat(log.lines().filter(line -> line.contains("[HappyHorse]") && line.contains("restart")))
                .as("a line saying that a restart aborts a freestyle render, in:\n%s", log)
                .isNotEmpty();
        softly.check(() -> ClipChecks.assertArchivedClip(build, artifact));
        softly.check(() -> {
            SimulatorCounters.Job job =
                    ClipChecks.assertOneJob(counters, MARKER, "wavespeed", ClipChecks.PRICE_3S_720P);
            assertThat(job.id()).isEqualTo(id);
        });
        softly.assertAll();
    }
}
