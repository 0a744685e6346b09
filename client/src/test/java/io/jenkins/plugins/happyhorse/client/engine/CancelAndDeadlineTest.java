package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CancelAndDeadlineTest extends SimulatorTestSupport {

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        // Jobs take an hour of host time, long enough to cancel or time out.
        return builder.processingTime(Duration.ofHours(1));
    }

    @Test
    void cancellingStopsWaitingAndSaysTheHostCannotCancel() throws Exception {
        CountDownLatch submitted = new CountDownLatch(1);
        RenderHandle handle = engine.start(
                request(ProviderId.WAVESPEED).build(),
                options()
                        .checkpointSink(cp -> {
                            checkpoints.add(cp);
                            if (cp.predictionId() != null) {
                                // Parks the render on its first poll until the test has cancelled it.
                                scheduler.hold();
                                submitted.countDown();
                            }
                        })
                        .build());
        assertThat(submitted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitPhase(handle, RenderPhase.WAITING)).isTrue();
        handle.cancel();
        scheduler.release();
        Throwable error = failure(handle);
        assertThat(error)
                .isInstanceOf(RenderCancelledException.class)
                .hasMessageContaining("cannot cancel")
                .hasMessageContaining("Resume the render from its checkpoint");
        // The render was parked before its first poll, and after the cancel nothing more is sent.
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(sim.stats().requests(Route.WS_RESULT)).isZero();
        assertThat(scheduler.pendingTimers()).isZero();
        assertThat(events).anyMatch(e -> e.message().contains("cannot cancel"));
        assertNoTemporaryFilesLeft();
    }

    /** Waits (at most 30 s) until the render reaches {@code phase}, which it does on its own. */
    private static boolean awaitPhase(RenderHandle handle, RenderPhase phase) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handle.phase() != phase) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Test
    void theDeadlineEndsTheRenderNamingThePrediction() throws IOException {
        RenderHandle handle = engine.start(
                request(ProviderId.ATLASCLOUD).build(),
                options().deadline(Duration.ofMinutes(10)).build());
        Throwable error = failure(handle);
        assertThat(error)
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("600 s")
                .hasMessageContaining(handle.checkpoint().orElseThrow().predictionId())
                .hasMessageContaining("resume");
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }
}
