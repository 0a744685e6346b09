package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.receiver.WebhookServer;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.webhook.LoopbackCertificate;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The simulator and the engine on one stepped clock, plus the engine's HTTPS receiver of the hosts'
 * callbacks on 127.0.0.1 (with a certificate made for the test, which the simulator trusts). Jobs
 * take 90 s; a 3 s clip is expected to take 96 s, so the safety net's first poll comes 144 s after
 * the submit, well after the callback.
 */
abstract class WebhookTestSupport extends SimulatorTestSupport {
    static final Duration PROCESSING = Duration.ofSeconds(90);
    /** The first poll of the default safety net for a 3 s 720p clip: 1.5 × (60 + 12 × 3) s. */
    static final Duration FIRST_SAFETY_POLL = Duration.ofSeconds(144);

    final LoopbackCertificate tls = LoopbackCertificate.generate();
    final List<WebhookVerdict> verdicts = new CopyOnWriteArrayList<>();
    WebhookServer receiver;

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder.trustWebhookCertificate(tls.certificate()).processingTime(PROCESSING);
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = startReceiverFor(engine);
    }

    WebhookServer startReceiverFor(RenderEngine e) throws IOException {
        return WebhookServer.builder(e.webhooks())
                .tls(tls.serverContext())
                .log(verdicts::add)
                .start();
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** The receiver's public URL as the hosts are given it. */
    URI hook() {
        return receiver.url();
    }

    RenderOptions.Builder listening() {
        return options().webhook(hook());
    }

    /**
     * Waits (bounded) until the render knows its prediction id; returns the id. The render may be
     * past waiting by then: a test that needs it waiting holds the clock first.
     */
    static String awaitWaiting(RenderHandle handle) {
        until(
                () -> handle.checkpoint().map(c -> c.predictionId() != null).orElse(false),
                "the render to learn its prediction id");
        return handle.checkpoint().orElseThrow().predictionId();
    }

    /** With the clock held: waits (bounded) until {@code count} renders listen for callbacks. */
    void awaitListening(int count) {
        until(() -> engine.webhooks().awaiting() == count, count + " renders listening");
    }

    /** Waits (bounded) until {@code count} verdicts were given. */
    List<WebhookVerdict> awaitVerdicts(int count) {
        until(() -> verdicts.size() >= count, count + " verdicts (have " + verdicts + ")");
        return List.copyOf(verdicts);
    }

    /** Status polls the host answered for the job. */
    long polls(String id) {
        return sim.job(id).orElseThrow().polls();
    }

    /** A bounded real-time wait for a condition that follows from work already under way. */
    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    void assertNoSecretInVerdictsOrEvents() {
        String secret = sim.waveSpeedWebhookSecret();
        for (WebhookVerdict v : verdicts) {
            assertThat(v.detail()).doesNotContain(KEY).doesNotContain(secret).doesNotContain(secret.substring(6));
            assertThat(v.toString()).doesNotContain(KEY).doesNotContain(secret.substring(6));
        }
        for (RenderEvent e : events) {
            assertThat(e.message()).doesNotContain(KEY).doesNotContain(secret.substring(6));
        }
    }
}
