package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.Scripts;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.ComputerSet;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: outside {@code node {}} with https image URLs: while the host renders, no executor
 * is busy (read from the computer API), the build page shows the waiting render and the thread
 * dump says what the step waits for; the clip is archived since there is no workspace.
 */
public abstract class OutsideNodeScenario {
    public static final String JOB = "s04-outside-node";
    public static final String MARKER = "[s04]";
    public static final String ARTIFACT = "happyhorse/clip-1.mp4";

    protected abstract Testbed bed();

    @Test
    void waitsWithoutAnExecutorAndArchivesTheClip() {
        Testbed bed = bed();
        String script = """
                def clip = %s
                %s
                """
                .formatted(
                        RenderCall.prompt(MARKER + " A kite rises over green hills")
                                .images(
                                        "https://images.example.invalid/kite.png",
                                        "https://images.example.invalid/hills.jpg")
                                .with("credentialsId", Testbed.CREDENTIALS_ID)
                                .groovy(),
                        Scripts.echoMap("clip"));
        Build build = PipelineJob.create(bed.admin(), JOB, script).scheduleBuild();

        build.awaitLogLine("Submitted as WaveSpeed prediction", Bounds.SUBMIT);
        String id = RenderLog.predictionId(build.console()).orElseThrow();
        // The host has the job and the build waits for it: now no executor may be busy.
        ComputerSet.Load load = new ComputerSet(bed.admin()).load();
        String pageWhileWaiting = build.page().body();
        String threadDump = bed.admin().get(build.path() + "threadDump/").body();
        boolean waiting = build.isBuilding()
                && bed.simulator().counters().jobsFor(MARKER).stream().noneMatch(job -> job.downloads() > 0);
        assertThat(waiting)
                .as("the render is still waiting when the executors are read")
                .isTrue();
        assertThat(load.busy())
                .as("busy executors while the render waits: %s", load.busyWith())
                .isZero();
        assertThat(load.total()).as("executors there are").isPositive();

        String result = build.awaitResult(Bounds.RENDER);
        String log = build.console();
        SimulatorCounters counters = bed.simulator().counters();
        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        SoftAssertions softly = new SoftAssertions();
        // While it waits, the build page shows the render (host and prediction id) ...
        softly.assertThat(pageWhileWaiting)
                .as("the build page while the render waits")
                .contains(id)
                .contains("WaveSpeed");
        // ... and the Pipeline's thread dump says what the step waits for.
        softly.assertThat(threadDump)
                .as("the build's thread dump while the render waits")
                .contains("happyHorseRender")
                .contains(id);
        softly.assertThat(RenderLog.estimateLines(log))
                .as("lines telling the estimate in:\n%s", log)
                .isEqualTo(1);
        softly.assertThat(log).contains("[HappyHorse] Archived " + ARTIFACT);
        softly.assertThat(RenderLog.returnedMap(log))
                .containsEntry("output", "null")
                .containsEntry("artifactPath", ARTIFACT)
                .containsEntry("predictionId", id);
        softly.check(() -> ClipChecks.assertArchivedClip(build, ARTIFACT));
        softly.check(() -> ClipChecks.assertOneJob(counters, MARKER, "wavespeed", ClipChecks.PRICE_3S_720P));
        softly.assertAll();
    }
}
