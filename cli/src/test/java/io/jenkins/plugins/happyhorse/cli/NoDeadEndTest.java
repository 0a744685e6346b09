package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.client.media.Mp4Info;
import io.jenkins.plugins.happyhorse.client.media.Mp4Inspector;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No dead ends after paying: whatever stops a render once it was submitted (Ctrl-C, the timeout,
 * a lost submit reply, a refused download, a clip that fails verification), the message names the
 * exact command that collects the clip, and that command, run verbatim, gets it without a second
 * submission. Everything runs on one stepped clock against the simulator.
 */
class NoDeadEndTest {
    @TempDir
    Path dir;

    SteppedSimulator rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            assertThat(rig.sim.stats().mediaAuthorizations()).isEmpty();
            rig.close();
        }
    }

    private CliHarness.Result render(String base, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "render",
                "--base-url",
                base,
                "--image",
                "product.png",
                "--prompt",
                "The product turns slowly",
                "--duration",
                "3"));
        args.addAll(List.of(extra));
        return rig.cli.run(args.toArray(String[]::new));
    }

    /** Runs the command the failure printed, as printed. */
    private CliHarness.Result runPrinted(CliHarness.Result failed) {
        return rig.cli.run(Shell.printedCommand(failed.err()));
    }

    private boolean recordHasPredictionId(Path state) {
        try (Stream<Path> files = Files.list(state.resolve("renders"))) {
            // Records only, not one being written.
            return files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .anyMatch(f -> read(f).contains("\"predictionId\" : \""
                            + rig.sim.jobs().get(0).id() + "\""));
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static String records(Path state) {
        try (Stream<Path> files = Files.list(state.resolve("renders"))) {
            return files.map(NoDeadEndTest::read).collect(java.util.stream.Collectors.joining("\n"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void ctrlCWhileTheJobWaitsThenThePrintedCommandCollectsTheClipWithNoSecondSubmission() throws Exception {
        rig = new SteppedSimulator(dir);
        CtrlC ctrlC = CtrlC.manual();
        rig.cli.ctrlC(ctrlC);
        Path state = dir.resolve("state dir");
        // The render parks on its first poll: the job waits on the host when Ctrl-C comes.
        rig.clock.hold();
        CompletableFuture<CliHarness.Result> running = CompletableFuture.supplyAsync(
                () -> render(rig.waveSpeed(), "--out", "my clips/it's here.mp4", "--state-dir", state.toString()));
        Await.until("the render's record to hold the prediction id", () -> recordHasPredictionId(state));
        ctrlC.press();
        CliHarness.Result stopped = running.get(60, TimeUnit.SECONDS);
        rig.clock.release();

        String id = rig.sim.jobs().get(0).id();
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCode.CANCELLED);
        assertThat(stopped.err())
                .contains("prediction " + id + " was already submitted")
                .contains("To collect the clip without paying again (it is saved to ")
                .endsWith("run:\n  happyhorse resume " + id + " --state-dir '" + state + "'\n");
        assertThat(dir.resolve("my clips/it's here.mp4")).doesNotExist();

        // A new process: a Ctrl-C of its own.
        rig.cli.ctrlC(CtrlC.manual());
        CliHarness.Result collected = runPrinted(stopped);

        assertThat(collected.exitCode()).as(collected.toString()).isZero();
        Mp4Info clip = Mp4Inspector.inspect(dir.resolve("my clips/it's here.mp4"));
        assertThat(clip.durationSeconds()).isCloseTo(3.0, within(0.2));
        assertThat(collected.out()).startsWith("Saved ").contains("prediction " + id);
        assertThat(collected.err()).doesNotContain("submitting to");
        assertThat(rig.sim.stats().submissions())
                .as("submissions, the render and its resume together")
                .isEqualTo(1);
        CliHarness.Result history = rig.cli.run("history", "--state-dir", state.toString());
        assertThat(history.out()).containsPattern(id + " +host +0\\.42 +done ");
    }

    @Test
    void aTimeoutNamesTheResumeCommandAndItCollectsTheClip() throws Exception {
        rig = new SteppedSimulator(dir);
        rig.clock.hold();
        Path state = rig.cli.stateDir();
        CompletableFuture<CliHarness.Result> running =
                CompletableFuture.supplyAsync(() -> render(rig.waveSpeed(), "--out", "clip.mp4", "--timeout", "5s"));
        Await.until("the render's record to hold the prediction id", () -> recordHasPredictionId(state));
        // The deadline (5 s) comes before the first poll (38 s): the job is still on the host.
        rig.clock.release();
        CliHarness.Result timedOut = running.get(60, TimeUnit.SECONDS);

        String id = rig.sim.jobs().get(0).id();
        assertThat(timedOut.exitCode()).as(timedOut.toString()).isEqualTo(ExitCode.TIMEOUT);
        assertThat(timedOut.err())
                .as(timedOut + "\nrecords:" + records(state))
                .endsWith("run:\n  happyhorse resume " + id + "\n");

        CliHarness.Result collected = runPrinted(timedOut);

        assertThat(collected.exitCode()).as(collected.toString()).isZero();
        assertThat(dir.resolve("clip.mp4")).isRegularFile();
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void resumeWithoutAnIdTakesUpTheLatestUnfinishedRender() throws Exception {
        rig = new SteppedSimulator(dir);
        rig.sim.faults().next(Route.MEDIA_GET, Fault.status(404));
        CliHarness.Result refused = render(rig.waveSpeed(), "--out", "clip.mp4");
        String id = rig.sim.jobs().get(0).id();
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(refused.err()).contains("HTTP 404").endsWith("  happyhorse resume " + id + "\n");

        CliHarness.Result collected = rig.cli.run("resume");

        assertThat(collected.exitCode()).as(collected.toString()).isZero();
        assertThat(collected.err()).contains("resuming prediction " + id + " without submitting again");
        assertThat(dir.resolve("clip.mp4")).isRegularFile();
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
        assertThat(rig.cli.run("resume").err()).contains("There is no unfinished render");
    }

    @Test
    void aPaidClipThatFailsVerificationCanStillBeKept() throws Exception {
        rig = new SteppedSimulator(dir);
        rig.sim.faults().nextJob(Outcome.WRONG_DURATION);
        CliHarness.Result failed = render(rig.waveSpeed(), "--out", "clip.mp4");
        String id = rig.sim.jobs().get(0).id();
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        assertThat(failed.err())
                .contains("paid for but is not what was asked for")
                .endsWith("  happyhorse download " + id + " --any-shape --out " + dir.resolve("clip.mp4") + "\n");
        assertThat(dir.resolve("clip.mp4")).doesNotExist();

        CliHarness.Result kept = runPrinted(failed);

        assertThat(kept.exitCode()).as(kept.toString()).isZero();
        assertThat(Mp4Inspector.inspect(dir.resolve("clip.mp4")).durationSeconds())
                .isNotCloseTo(3.0, within(0.2));
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void aLostSubmitOnWaveSpeedPointsToTheDashboardAndADownloadThatWorks() throws Exception {
        rig = new SteppedSimulator(dir);
        rig.sim.faults().next(Route.WS_SUBMIT, Fault.lostSubmitReply());
        CliHarness.Result lost = render(rig.waveSpeed(), "--out", "clip.mp4");
        assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(ExitCode.SUBMISSION_UNCERTAIN);
        assertThat(lost.err()).contains("If the WaveSpeed dashboard shows a job submitted at");
        String[] printed = Shell.printedCommand(lost.err());
        assertThat(printed).containsSequence("download", "PREDICTION_ID", "--provider", "wavespeed");

        // The user finds the job on the dashboard and puts its id in place of PREDICTION_ID.
        String id = rig.sim.jobs().get(0).id();
        for (int i = 0; i < printed.length; i++) {
            printed[i] = printed[i].replace("PREDICTION_ID", id);
        }
        CliHarness.Result collected = rig.cli.run(printed);

        assertThat(collected.exitCode()).as(collected.toString()).isZero();
        assertThat(dir.resolve("clip.mp4")).isRegularFile();
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void aLostSubmitOnAtlasCloudWhoseHistoryIsDownIsResumedByTheRendersOwnId() throws Exception {
        rig = new SteppedSimulator(dir);
        rig.sim.faults().next(Route.AC_SUBMIT, Fault.lostSubmitReply());
        rig.sim.faults().next(Route.AC_HISTORY, Fault.status(503), 50);
        CliHarness.Result lost = render(rig.atlasCloud(), "--provider", "atlascloud", "--out", "clip.mp4");
        assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(ExitCode.SUBMISSION_UNCERTAIN);
        assertThat(lost.err()).contains("To look the job up in Atlas Cloud's history");
        rig.sim.faults().clear();

        CliHarness.Result collected = runPrinted(lost);

        assertThat(collected.exitCode()).as(collected.toString()).isZero();
        assertThat(collected.err()).contains("found the job in Atlas Cloud's history");
        assertThat(dir.resolve("clip.mp4")).isRegularFile();
        assertThat(rig.sim.stats().submissions(Host.ATLASCLOUD)).isEqualTo(1);
    }

    @Test
    void statusDownloadCollectsAJobTheStateFolderDoesNotKnow() throws Exception {
        rig = new SteppedSimulator(dir);
        CliHarness.Result rendered = render(rig.waveSpeed(), "--out", "first.mp4", "--state-dir", "elsewhere");
        assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
        String id = rig.sim.jobs().get(0).id();

        CliHarness.Result status = rig.cli.run(
                "status",
                id,
                "--download",
                "--provider",
                "wavespeed",
                "--base-url",
                rig.waveSpeed(),
                "--out",
                "again.mp4");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("Prediction " + id + " on WaveSpeed: succeeded", "Saved again.mp4: ");
        assertThat(Mp4Inspector.inspect(dir.resolve("again.mp4")).durationSeconds())
                .isCloseTo(3.0, within(0.2));
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
        CliHarness.Result history = rig.cli.run("history");
        assertThat(history.out()).containsPattern(id + " +- +- +done ");
    }

    @Test
    void downloadOfAKnownIdTakesTheHostFromTheRecordAndVerifiesTheShape() throws Exception {
        rig = new SteppedSimulator(dir);
        CliHarness.Result rendered = render(rig.waveSpeed(), "--out", "first.mp4", "--aspect-ratio", "9:16");
        assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
        String id = rig.sim.jobs().get(0).id();

        CliHarness.Result again = rig.cli.run("download", id, "--out", "copy.mp4");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        Mp4Info clip = Mp4Inspector.inspect(dir.resolve("copy.mp4"));
        assertThat(clip.height()).isGreaterThan(clip.width());
        assertThat(rig.cli.run("download", id, "--out", "copy.mp4").err())
                .contains("--out: copy.mp4 is not allowed (it exists; add --force to replace it)");
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void ctrlCAgainstTheBuiltInSimulatorSaysNothingIsBilled() throws Exception {
        CtrlC ctrlC = CtrlC.manual();
        CliHarness cli = new CliHarness(dir).withExampleImages().ctrlC(ctrlC);
        CompletableFuture<CliHarness.Result> running = CompletableFuture.supplyAsync(() -> cli.run(
                "render",
                "--provider",
                "simulator",
                "--image",
                "product.png",
                "--prompt",
                "Turn",
                "--duration",
                "15",
                "--resolution",
                "1080p",
                "--out",
                "sim.mp4"));
        Await.until(
                "the render to be submitted",
                () -> Files.isDirectory(cli.stateDir().resolve("renders")));
        ctrlC.press();
        CliHarness.Result stopped = running.get(60, TimeUnit.SECONDS);

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCode.CANCELLED);
        assertThat(stopped.err())
                .contains("nothing was billed")
                .doesNotContain("may still run and be billed")
                .doesNotContain("happyhorse resume");
        assertThat(cli.run("resume").err()).contains("There is no unfinished render");
    }
}
