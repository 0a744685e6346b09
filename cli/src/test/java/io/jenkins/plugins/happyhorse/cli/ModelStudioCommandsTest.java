package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.client.media.Mp4Inspector;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
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
 * Every command with {@code --provider modelstudio} against the simulator, on one stepped clock:
 * the key from {@code DASHSCOPE_API_KEY}, the region by name or by base URL, and a key, region or
 * model that do not belong together refused with a message that says so.
 */
class ModelStudioCommandsTest {
    private static final String OTHER_REGION_KEY = "sk-cli-beijing-9f8e7d6c5b";

    @TempDir
    Path dir;

    SteppedSimulator rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            assertThat(rig.sim.stats().storageAuthorizations())
                    .as("Authorization headers that reached the storage origin")
                    .isEmpty();
            assertThat(rig.sim.stats().mediaAuthorizations()).isEmpty();
            rig.close();
        }
    }

    private CliHarness.Result render(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "render",
                "--provider",
                "modelstudio",
                "--image",
                "product.png",
                "--image",
                "style.jpg",
                "--prompt",
                "The product turns slowly",
                "--duration",
                "3"));
        args.addAll(List.of(extra));
        return rig.cli.run(args.toArray(String[]::new));
    }

    @Test
    void theReadmeRenderRunsOnModelStudioWithTheKeyFromDashscopeApiKeyAndNoWatermark() throws Exception {
        rig = new SteppedSimulator(dir);

        CliHarness.Result rendered = render("--base-url", rig.modelStudio(), "--out", "clip.mp4");

        assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
        assertThat(rendered.out()).startsWith("Saved clip.mp4: ").contains("on Model Studio");
        assertThat(Mp4Inspector.inspect(dir.resolve("clip.mp4")).durationSeconds())
                .isCloseTo(3.0, within(0.2));
        assertThat(rig.sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(rig.sim.stats().storageUploads())
                .as("local images through temporary storage")
                .isEqualTo(2);
        assertThat(rig.sim.jobs().get(0).input().at("/parameters/watermark").asBoolean(true))
                .as("watermark sent")
                .isFalse();
        assertThat(rendered.all()).doesNotContain(SteppedSimulator.KEY);
    }

    @Test
    void watermarkAsksModelStudioForItsMarkAndIsRefusedOnAHostThatHasNone() throws Exception {
        rig = new SteppedSimulator(dir);

        CliHarness.Result marked = render("--base-url", rig.modelStudio(), "--out", "marked.mp4", "--watermark");
        CliHarness.Result reseller = rig.cli.run(
                "render",
                "--base-url",
                rig.waveSpeed(),
                "--image",
                "product.png",
                "--prompt",
                "x",
                "--watermark",
                "--out",
                "no.mp4");

        assertThat(marked.exitCode()).as(marked.toString()).isZero();
        assertThat(rig.sim.jobs().get(0).input().at("/parameters/watermark").asBoolean(false))
                .isTrue();
        assertThat(reseller.exitCode()).as(reseller.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(reseller.err())
                .contains("--watermark: true is not allowed (WaveSpeed cannot draw a watermark on the clip)");
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void historyStatusAndDownloadFindTheModelStudioJobByItsId() throws Exception {
        rig = new SteppedSimulator(dir);
        CliHarness.Result rendered = render("--base-url", rig.modelStudio(), "--out", "clip.mp4");
        assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
        String id = rig.sim.jobs().get(0).id();

        CliHarness.Result history = rig.cli.run("history");
        CliHarness.Result status = rig.cli.run("status", id);
        CliHarness.Result download = rig.cli.run("download", id, "--out", "copy.mp4");

        assertThat(history.out()).containsPattern("modelstudio +" + id + " +host +0\\.42 +done ");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("Prediction " + id + " on Model Studio: succeeded");
        assertThat(download.exitCode()).as(download.toString()).isZero();
        assertThat(Mp4Inspector.inspect(dir.resolve("copy.mp4")).durationSeconds())
                .isCloseTo(3.0, within(0.2));
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void statusOfAJobTheStateFolderDoesNotKnowTakesTheRegionAsABaseUrl() throws Exception {
        rig = new SteppedSimulator(dir);
        CliHarness.Result rendered =
                render("--base-url", rig.modelStudio(), "--out", "first.mp4", "--state-dir", "elsewhere");
        assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
        String id = rig.sim.jobs().get(0).id();

        CliHarness.Result status = rig.cli.run(
                "status",
                id,
                "--provider",
                "modelstudio",
                "--region",
                rig.modelStudio(),
                "--download",
                "--out",
                "again.mp4");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("Prediction " + id + " on Model Studio: succeeded", "Saved again.mp4: ");
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void aTimeoutOnModelStudioIsResumedWithoutASecondSubmission() throws Exception {
        rig = new SteppedSimulator(dir);
        rig.clock.hold();
        Path state = rig.cli.stateDir();
        CompletableFuture<CliHarness.Result> running = CompletableFuture.supplyAsync(
                () -> render("--base-url", rig.modelStudio(), "--out", "clip.mp4", "--timeout", "5s"));
        Await.until("the render's record to hold the task id", () -> recordHasTaskId(state));
        // The deadline (5 s) comes before the first query: the task is still on the host.
        rig.clock.release();
        CliHarness.Result timedOut = running.get(60, TimeUnit.SECONDS);

        String id = rig.sim.jobs().get(0).id();
        assertThat(timedOut.exitCode()).as(timedOut.toString()).isEqualTo(ExitCode.TIMEOUT);
        assertThat(timedOut.err()).endsWith("run:\n  happyhorse resume " + id + "\n");

        CliHarness.Result collected = rig.cli.run(Shell.printedCommand(timedOut.err()));

        assertThat(collected.exitCode()).as(collected.toString()).isZero();
        assertThat(collected.err()).doesNotContain("submitting to");
        assertThat(dir.resolve("clip.mp4")).isRegularFile();
        assertThat(rig.sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
    }

    @Test
    void aLostSubmitWhoseTaskListIsDownIsResumedByTheRendersOwnIdFromTheTaskList() throws Exception {
        rig = new SteppedSimulator(dir);
        rig.sim.faults().next(Route.MS_SUBMIT, Fault.lostSubmitReply());
        rig.sim.faults().next(Route.MS_TASKS, Fault.status(503), 50);
        CliHarness.Result lost = render("--base-url", rig.modelStudio(), "--out", "clip.mp4");
        assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(ExitCode.SUBMISSION_UNCERTAIN);
        assertThat(Shell.printedCommand(lost.err())[0]).isEqualTo("resume");
        rig.sim.faults().clear();

        CliHarness.Result collected = rig.cli.run(Shell.printedCommand(lost.err()));

        assertThat(collected.exitCode()).as(collected.toString()).isZero();
        assertThat(collected.err()).doesNotContain("submitting to");
        assertThat(dir.resolve("clip.mp4")).isRegularFile();
        assertThat(rig.sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
    }

    @Test
    void aKeyOfAnotherRegionIsRefusedWithAMessageNamingTheRegionInUse() throws Exception {
        rig = new SteppedSimulator(dir, b -> b.modelStudioOtherRegionKey(OTHER_REGION_KEY));
        rig.cli.env("DASHSCOPE_API_KEY", OTHER_REGION_KEY);

        CliHarness.Result refused = render("--base-url", rig.modelStudio(), "--out", "clip.mp4");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(refused.err())
                .contains("Model Studio refused the API key")
                .contains("belong to another region or workspace than the base URL in use, " + rig.modelStudio())
                .contains("choose the region (base URL) the key was made in")
                .doesNotContain(OTHER_REGION_KEY);
        assertThat(rig.sim.stats().otherRegionKeys()).isPositive();
        assertThat(rig.sim.stats().submissions()).isZero();
    }

    @Test
    void aModelTheRegionDoesNotServeIsRefusedWithAMessageAboutTheRegion() throws Exception {
        rig = new SteppedSimulator(dir);

        CliHarness.Result refused =
                render("--base-url", rig.modelStudio(), "--model", "happyhorse-9.9-r2v", "--out", "clip.mp4");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err())
                .contains("Model not exist.")
                .contains("models are served per region; check that the model is offered at " + rig.modelStudio());
        assertThat(rig.sim.stats().submissions()).isZero();
    }

    @Test
    void aResellersModelOnModelStudioIsRefusedBeforeAnyCall() throws Exception {
        rig = new SteppedSimulator(dir);

        CliHarness.Result refused = render(
                "--base-url",
                rig.modelStudio(),
                "--model",
                "alibaba/happyhorse-1.0/reference-to-video",
                "--out",
                "clip.mp4");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err())
                .contains("--model: alibaba/happyhorse-1.0/reference-to-video is not allowed (Model Studio does not"
                        + " serve a model of that name); allowed: a reference-to-video model such as"
                        + " happyhorse-1.0-r2v");
        assertThat(rig.sim.stats().requestsByRoute().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .as("requests")
                .isZero();
    }

    @Test
    void regionOptionsThatDoNotFitAreAllReportedBeforeAnyCall() throws Exception {
        CliHarness cli = new CliHarness(dir).withExampleImages().env("DASHSCOPE_API_KEY", "sk-never-used");

        CliHarness.Result unknown = cli.run(
                "render",
                "--provider",
                "modelstudio",
                "--region",
                "mars",
                "--dry-run",
                "--image",
                "product.png",
                "--prompt",
                "x");
        CliHarness.Result both = cli.run(
                "render",
                "--provider",
                "modelstudio",
                "--region",
                "beijing",
                "--base-url",
                "https://dashscope.aliyuncs.com/api/v1",
                "--dry-run",
                "--image",
                "product.png",
                "--prompt",
                "x");
        CliHarness.Result reseller = cli.run(
                "render",
                "--provider",
                "wavespeed",
                "--region",
                "beijing",
                "--dry-run",
                "--image",
                "product.png",
                "--prompt",
                "x");
        CliHarness.Result simulator = cli.run(
                "render",
                "--provider",
                "simulator",
                "--region",
                "beijing",
                "--dry-run",
                "--image",
                "product.png",
                "--prompt",
                "x");

        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err())
                .contains("--region: mars is not allowed; allowed: singapore, beijing, or an API"
                        + " base URL such as https://dashscope-intl.aliyuncs.com/api/v1 or a workspace domain");
        assertThat(both.err())
                .contains(
                        "--region: beijing is not allowed (--base-url"
                                + " https://dashscope.aliyuncs.com/api/v1 is given too); allowed: --region or --base-url, not both");
        assertThat(reseller.err())
                .contains("--region: beijing is not allowed (WaveSpeed has no regions to choose;"
                        + " --base-url sets its address); allowed: only with --provider modelstudio");
        assertThat(simulator.err()).contains("--region: beijing is not allowed (--provider simulator starts its own");
    }

    @Test
    void aNamedRegionOrAWorkspaceDomainIsAcceptedAndTheConfigFileMayChooseTheRegion() throws Exception {
        CliHarness cli = new CliHarness(dir).withExampleImages().env("DASHSCOPE_API_KEY", "sk-never-used");
        String[] render = {"render", "--provider", "modelstudio", "--dry-run", "--image", "product.png", "--prompt", "x"
        };

        CliHarness.Result beijing = cli.run(concat(render, "--region", "beijing"));
        CliHarness.Result workspace =
                cli.run(concat(render, "--region", "https://ws-1a2b.cn-beijing.maas.aliyuncs.com"));
        Files.createDirectories(cli.configFile().getParent());
        Files.writeString(cli.configFile(), "provider = modelstudio\nregion = atlantis\n");
        CliHarness.Result configured = cli.run("render", "--dry-run", "--image", "product.png", "--prompt", "x");

        assertThat(beijing.exitCode()).as(beijing.toString()).isZero();
        assertThat(workspace.exitCode()).as(workspace.toString()).isZero();
        assertThat(configured.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(configured.err())
                .contains("region (config.properties): atlantis is not allowed; allowed: singapore");
    }

    @Test
    void estimateOnModelStudioUsesItsPricesPerSecond() {
        CliHarness cli = new CliHarness(dir);

        CliHarness.Result estimate = cli.run(
                "estimate",
                "--provider",
                "modelstudio",
                "--region",
                "beijing",
                "--resolution",
                "1080p",
                "--duration",
                "10");

        assertThat(estimate.exitCode()).as(estimate.toString()).isZero();
        assertThat(estimate.out()).contains("Estimated cost: 2.40 USD on Model Studio for 10 s at 1080p");
    }

    @Test
    void theModelStudioKeyVariableIsNamedWhenItIsMissing() {
        CliHarness cli = new CliHarness(dir);

        CliHarness.Result status = cli.run("status", "some-task", "--provider", "modelstudio");

        assertThat(status.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(status.err()).startsWith("Error: DASHSCOPE_API_KEY is not set: export your Model Studio API key");
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private boolean recordHasTaskId(Path state) {
        try (Stream<Path> files = Files.list(state.resolve("renders"))) {
            return files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .anyMatch(f -> read(f).contains("\"predictionId\" : \""
                            + rig.sim.jobs().get(0).id() + "\""));
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }
}
