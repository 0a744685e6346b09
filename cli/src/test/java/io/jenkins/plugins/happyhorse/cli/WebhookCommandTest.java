package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.simulator.SimulatorStats;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code render --webhook-url} and {@code happyhorse listen} against the simulator, which calls
 * back over plain http to loopback (as a tunnel in front of {@code listen} would): the callback
 * reaches the waiting render through {@code listen}, the render asks the host once and is done; a
 * forged or lost callback leaves the render to the safety poll; a resumed render listens again; {@code listen} answers strangers
 * with a plain status and hands nothing on.
 */
class WebhookCommandTest {
    private static final Pattern LISTENING = Pattern.compile("callbacks at (http://\\S+)");

    @TempDir
    Path dir;

    private SteppedSimulator rig;
    private CliHarness.Background listen;

    @AfterEach
    void stop() {
        if (listen != null) {
            listen.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wavespeed", "atlascloud"})
    void aRenderWithAWebhookUrlIsCompletedByTheHostsCallbackThroughListen(String host) throws Exception {
        String hook = startListening();
        String base = host.equals("wavespeed") ? rig.waveSpeed() : rig.atlasCloud();
        CliHarness.Result r = render(host, base, hook);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        SimulatorStats.Webhooks calls = rig.sim.stats().webhooks();
        assertThat(calls.sent()).isEqualTo(1);
        assertThat(calls.accepted())
                .as("the callback reached the render through listen")
                .isEqualTo(1);
        Route status = host.equals("wavespeed") ? Route.WS_RESULT : Route.AC_PREDICTION;
        // One look when it starts listening, one on the callback: a render of minutes, two polls.
        assertThat(rig.sim.stats().requests(status)).isLessThanOrEqualTo(2);
        assertThat(r.err()).contains("called back");
        assertThat(Files.exists(dir.resolve("clip.mp4"))).isTrue();
        assertThat(listeners())
                .as("the render's receiver is no longer recorded")
                .isEmpty();
    }

    @Test
    void aForgedCallbackIsRefusedAndTheSafetyPollCompletesTheRender() throws Exception {
        String hook = startListening();
        rig.sim.faults().nextWebhook(WebhookFault.forged());
        CliHarness.Result r = render("wavespeed", rig.waveSpeed(), hook);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(rig.sim.stats().webhooks().refused()).isEqualTo(1);
        assertThat(rig.sim.stats().webhooks().accepted()).isZero();
        assertThat(r.err()).doesNotContain("called back");
        assertThat(Files.exists(dir.resolve("clip.mp4"))).isTrue();
    }

    @Test
    void aLostCallbackCostsMinutesNotAHungRender() throws Exception {
        String hook = startListening();
        rig.sim.faults().nextWebhook(WebhookFault.lost());
        CliHarness.Result r = render("atlascloud", rig.atlasCloud(), hook);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(rig.sim.stats().webhooks().dropped()).isEqualTo(1);
        assertThat(rig.sim.stats().requests(Route.AC_SUBMIT)).isEqualTo(1);
    }

    @Test
    void aResumedRenderListensAgainAndIsCompletedByTheCallback() throws Exception {
        String hook = startListening();
        CtrlC ctrlC = CtrlC.manual();
        rig.cli.ctrlC(ctrlC);
        // The clock stands still: the job runs on, and no poll or callback comes by itself.
        rig.clock.hold();
        CompletableFuture<CliHarness.Result> running =
                CompletableFuture.supplyAsync(() -> render("wavespeed", rig.waveSpeed(), hook));
        Await.until("the job to be submitted", () -> !rig.sim.jobs().isEmpty() && hasPredictionId());
        ctrlC.press();
        CliHarness.Result stopped = running.get(60, TimeUnit.SECONDS);
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCode.CANCELLED);
        assertThat(listeners())
                .as("the stopped render's receiver is no longer recorded")
                .isEmpty();

        rig.cli.ctrlC(CtrlC.manual());
        CompletableFuture<CliHarness.Result> resumed =
                CompletableFuture.supplyAsync(() -> rig.cli.run("resume", "--webhook-url", hook));
        // It listens, then asks once at once (the job still runs), then waits for the callback.
        Await.until("the resume's first look", () -> rig.sim.stats().requests(Route.WS_RESULT) == 1);
        rig.clock.release();
        CliHarness.Result r = resumed.get(60, TimeUnit.SECONDS);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(rig.sim.stats().webhooks().accepted()).isEqualTo(1);
        assertThat(rig.sim.stats().requests(Route.WS_RESULT)).isEqualTo(2);
        assertThat(rig.sim.stats().submissions()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("clip.mp4"))).isTrue();
    }

    @Test
    void aWebhookUrlNoHostCouldCallIsRefusedBeforeAnyCall() throws Exception {
        rig = new SteppedSimulator(dir);
        CliHarness.Result r = render("wavespeed", rig.waveSpeed(), "http://ci.example.com/happyhorse-webhook");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--webhook-url").contains("not https");
        assertThat(rig.sim.stats().requests(Route.ANY)).isZero();

        CliHarness.Result notUrl = rig.cli.run(
                "render",
                "--image",
                "product.png",
                "--prompt",
                "p",
                "--webhook-url",
                "::nope",
                "--base-url",
                rig.waveSpeed());
        assertThat(notUrl.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notUrl.err()).contains("--webhook-url").contains("::nope");
    }

    @Test
    void listenAnswersStrangersWithAPlainStatusAndHandsNothingOn() throws Exception {
        String hook = startListening();
        HttpClient client =
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        URI url = URI.create(hook);
        byte[] callback = "{\"id\":\"p-1\",\"status\":\"completed\"}".getBytes();
        List<HttpRequest> strangers = List.of(
                HttpRequest.newBuilder(url).GET().build(),
                HttpRequest.newBuilder(url.resolve("/elsewhere"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(callback))
                        .build(),
                HttpRequest.newBuilder(url)
                        .header("webhook-id", "msg_1")
                        .header("webhook-timestamp", "1")
                        .header("webhook-signature", "v3,00")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(callback))
                        .build(),
                HttpRequest.newBuilder(url)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[70 * 1024]))
                        .build());
        List<Integer> statuses = new java.util.ArrayList<>();
        for (HttpRequest request : strangers) {
            HttpResponse<byte[]> reply = client.send(
                    HttpRequest.newBuilder(request, (n, v) -> true)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            statuses.add(reply.statusCode());
            assertThat(reply.body()).isEmpty();
        }
        assertThat(statuses).containsExactly(405, 404, 400, 413);
        assertThat(rig.sim.stats().requests(Route.ANY)).isZero();
    }

    private String startListening() throws Exception {
        rig = new SteppedSimulator(dir, b -> b.webhooksOverHttpToLoopback(true));
        listen = rig.cli.start("listen", "--port", "0");
        return listen.awaitOut(LISTENING);
    }

    private CliHarness.Result render(String host, String base, String hook) {
        return rig.cli.run(
                "render",
                "--provider",
                host,
                "--base-url",
                base,
                "--image",
                "product.png",
                "--prompt",
                "a horse on a beach",
                "--duration",
                "5",
                "--webhook-url",
                hook,
                "--out",
                "clip.mp4");
    }

    private boolean hasPredictionId() {
        String id = rig.sim.jobs().get(0).id();
        try (Stream<Path> files = Files.list(rig.cli.stateDir().resolve("renders"))) {
            return files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .anyMatch(f -> {
                        try {
                            return Files.readString(f).contains("\"predictionId\" : \"" + id + "\"");
                        } catch (java.io.IOException e) {
                            return false; // being replaced
                        }
                    });
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private List<Path> listeners() throws Exception {
        Path folder = rig.cli.stateDir().resolve("listeners");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
