package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A simulator ten times faster than real time, calling back a receiver on the real clock (a
 * Jenkins controller): with {@code webhookTimestampsInRealTime}, the callback is stamped with the
 * real time of sending, not the simulated time that by then lies far ahead of the receiver's clock.
 */
class WebhookRealTimeStampsTest extends SimulatorTestSupport {
    private final CallbackReceiver receiver = newReceiver();
    private final ManualTimer timer = new ManualTimer(clock);

    private static CallbackReceiver newReceiver() {
        try {
            return new CallbackReceiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder.timeScale(10)
                .webhookTimestampsInRealTime(true)
                .webhookTimer(timer)
                .trustWebhookCertificate(receiver.tls.certificate());
    }

    @AfterEach
    void stopReceiver() throws InterruptedException {
        receiver.close();
    }

    @Test
    void theCallbackCarriesTheRealTimeOfSendingWhileSimulatedTimeRunsAhead() throws Exception {
        Instant realStart = clock.instant();
        HttpResponse<byte[]> reply = client.postJson(
                ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video?webhook="
                        + URLEncoder.encode(receiver.url("/hook").toString(), StandardCharsets.UTF_8)),
                body());
        assertThat(reply.statusCode())
                .as(new String(reply.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        // The timer runs on the real (manual) clock; the job ends 100 simulated seconds in, 10 real.
        timer.advance(PROCESSING);

        List<CallbackReceiver.Received> got = awaitReceived();
        long stamp = Long.parseLong(got.get(0).header("webhook-timestamp"));
        long realNow = clock.instant().getEpochSecond();
        assertThat(stamp).as("the real time of sending").isEqualTo(realNow);
        assertThat(Duration.between(realStart, clock.instant())).isEqualTo(PROCESSING);
    }

    private List<CallbackReceiver.Received> awaitReceived() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (receiver.received().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver never got a callback: " + sim.webhookCallbacks());
            }
            Thread.sleep(5);
        }
        return receiver.received();
    }
}
