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
        // Jobs take an hour of host time (3.6 s real), long enough to cancel or time out.
        return builder.processingTime(Duration.ofHours(1));
    }

    @Test
    void cancellingStopsWaitingAndSaysTheHostCannotCancel() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        RenderHandle handle = engine.start(
                request(ProviderId.WAVESPEED).build(),
                options()
                        .listener(e -> {
                            events.add(e);
                            if (e.phase() == RenderPhase.WAITING) {
                                waiting.countDown();
                            }
                        })
                        .build());
        assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        Throwable error = failure(handle);
        assertThat(error)
                .isInstanceOf(RenderCancelledException.class)
                .hasMessageContaining("cannot cancel")
                .hasMessageContaining("Resume the render from its checkpoint");
        // A poll in flight at the moment of cancelling may still land; after that, nothing more.
        waitEngineTime(Duration.ofMinutes(1));
        long polls = sim.stats().requests(Route.WS_RESULT);
        waitEngineTime(Duration.ofMinutes(5));
        assertThat(sim.stats().requests(Route.WS_RESULT)).isEqualTo(polls);
        assertThat(events).anyMatch(e -> e.message().contains("cannot cancel"));
        assertNoTemporaryFilesLeft();
    }

    private void waitEngineTime(Duration d) throws InterruptedException {
        CountDownLatch later = new CountDownLatch(1);
        scheduler.schedule(later::countDown, d);
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
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
