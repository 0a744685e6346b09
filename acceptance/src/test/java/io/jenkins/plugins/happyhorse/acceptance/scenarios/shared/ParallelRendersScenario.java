package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.harness.Waits;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.ComputerSet;
import io.jenkins.plugins.happyhorse.acceptance.pages.ControllerFigures;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Scenario 6: twenty renders in {@code parallel} branches outside {@code node {}}: all succeed,
 * exactly twenty submissions, no executor busy while they wait. Reports what waiting renders
 * cost the controller: live threads and heap (after a full collection), before and while the
 * twenty renders wait, in the test report and in {@code target/acceptance-reports}.
 */
public abstract class ParallelRendersScenario {
    public static final String JOB = "s06-parallel-renders";
    public static final String MARKER = "[s06]";
    public static final int RENDERS = 20;

    protected abstract Testbed bed();

    @Test
    void twentyParallelRendersOutsideNodeSucceedWithTwentySubmissionsAndNoExecutor(TestReporter reporter)
            throws IOException {
        Testbed bed = bed();
        String script =
                """
                def branches = [:]
                for (int i = 1; i <= %1$d; i++) {
                    def n = i
                    branches['render ' + n] = {
                        def clip = happyHorseRender(images: ['https://images.example.invalid/frame-' + n + '.png'],
                            prompt: '%2$s render ' + n + ' of a carousel turning', duration: 3, resolution: '720p',
                            aspectRatio: '16:9', credentialsId: '%3$s', output: 'clips/render-' + n + '.mp4')
                        echo 'rendered ' + clip.artifactPath
                    }
                }
                parallel branches
                """
                        .formatted(RENDERS, MARKER, Testbed.CREDENTIALS_ID);
        PipelineJob job = PipelineJob.create(bed.admin(), JOB, script);
        ControllerFigures.Reading before = ControllerFigures.read(bed.jenkins().scriptConsole());

        Build build = job.scheduleBuild();
        Waits.untilTrue(
                "all " + RENDERS + " renders of " + build + " to be submitted",
                Bounds.SUBMIT,
                () -> bed.simulator().counters().jobsFor(MARKER).size() >= RENDERS);
        ControllerFigures.Reading during = ControllerFigures.read(bed.jenkins().scriptConsole());
        ComputerSet.Load load = new ComputerSet(bed.admin()).load();
        List<SimulatorCounters.Job> submitted = bed.simulator().counters().jobsFor(MARKER);
        long downloadedMeanwhile =
                submitted.stream().filter(j -> j.downloads() > 0).count();
        boolean stillBuilding = build.isBuilding();

        // Normally none has finished yet (the engine first asks after about 38 s); on a very slow
        // machine a few may have, and the figures are then per render still waiting.
        long waiting = RENDERS - downloadedMeanwhile;
        String figures = figures(before, during, waiting);
        reporter.publishEntry("scenario 6 controller load", figures);
        System.out.println("Scenario 6, the controller while " + RENDERS + " renders wait:\n" + figures);
        Path file = bed.reports().resolve("scenario-06-controller-load.txt");
        Files.writeString(file, figures, StandardCharsets.UTF_8);

        assertThat(stillBuilding)
                .as("the build still waits when the controller is measured")
                .isTrue();
        assertThat(waiting).as("renders still waiting when measured").isPositive();
        assertThat(load.busy())
                .as("busy executors while %d renders wait: %s", RENDERS, load.busyWith())
                .isZero();

        String result = build.awaitResult(Bounds.RENDER);
        String log = build.console();
        SimulatorCounters counters = bed.simulator().counters();
        assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        assertThat(counters.jobsFor(MARKER))
                .as("submissions of the twenty renders")
                .hasSize(RENDERS);
        assertThat(counters.chargesFor(MARKER))
                .isEqualByComparingTo(ClipChecks.PRICE_3S_720P.multiply(BigDecimal.valueOf(RENDERS)));
        assertThat(RenderLog.lines(log, "Submitted as WaveSpeed prediction")).isEqualTo(RENDERS);
        for (int n = 1; n <= RENDERS; n++) {
            assertThat(log).contains("rendered clips/render-" + n + ".mp4");
        }
        assertThat(build.artifacts()).hasSize(RENDERS);
        ClipChecks.assertArchivedClip(build, "clips/render-7.mp4");
    }

    private static String figures(ControllerFigures.Reading before, ControllerFigures.Reading during, long waiting) {
        long threadGrowth = during.liveThreads() - before.liveThreads();
        long heapGrowth = during.heapAfterGcBytes() - before.heapAfterGcBytes();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "renders waiting: %d of %d submitted (the others finished before the reading)%n",
                waiting,
                RENDERS));
        out.append(String.format(
                Locale.ROOT,
                "live threads: %d before, %d while waiting: growth %+d (%.2f per waiting render)%n",
                before.liveThreads(),
                during.liveThreads(),
                threadGrowth,
                (double) threadGrowth / waiting));
        out.append(String.format(
                Locale.ROOT,
                "heap after a full GC: %.1f MiB before, %.1f MiB while waiting: growth %+.1f MiB (%.1f KiB per waiting render)%n",
                before.heapAfterGcBytes() / 1048576.0,
                during.heapAfterGcBytes() / 1048576.0,
                heapGrowth / 1048576.0,
                heapGrowth / 1024.0 / waiting));
        out.append("thread groups that grew: ")
                .append(ControllerFigures.grown(before, during))
                .append('\n');
        return out.toString();
    }
}
