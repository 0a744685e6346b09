package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.admission.ThrottleBackoff;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spend.ChargeState;
import io.jenkins.plugins.happyhorse.client.spend.FileSpendLedger;
import io.jenkins.plugins.happyhorse.client.spend.SpendLabels;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A 429 on the submit is the host's refusal: no job, no charge. The render waits ({@code
 * Retry-After}, or a backoff with jitter) within its deadline and submits again, and says so; at
 * most one submission is ever accepted.
 */
class ThrottledSubmitTest extends SimulatorTestSupport {

    @Override
    RenderEngine.Builder engineBuilder() {
        return super.engineBuilder().throttleBackoff(ThrottleBackoff.seeded(11));
    }

    @Test
    void aSubmitRefusedWith429IsSentAgainAfterRetryAfterAndOneSubmissionIsAccepted() throws IOException {
        sim.faults().next(Route.WS_SUBMIT, Fault.status(429).retryAfter(Duration.ofSeconds(40)));
        RenderResult result = await(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));

        assertThat(result.output()).exists();
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(2);
        assertThat(sim.stats().submissions()).isEqualTo(1);
        assertThat(events)
                .extracting(RenderEvent::message)
                .contains("WaveSpeed is busy (429): submitting again in 40 s; nothing was charged");
        // Each attempt is checkpointed before it is sent, at the time it is sent.
        List<RenderCheckpoint> beforeSubmit =
                checkpoints.stream().filter(c -> c.predictionId() == null).toList();
        assertThat(beforeSubmit).hasSize(2);
        assertThat(Duration.between(
                        beforeSubmit.get(0).submittedAt(), beforeSubmit.get(1).submittedAt()))
                .isEqualTo(Duration.ofSeconds(40));
        assertThat(result.timings().submittedAt()).isEqualTo(beforeSubmit.get(1).submittedAt());
    }

    @Test
    void atlasCloudSendsNoRetryAfterSoTheRenderBacksOffWithJitter() throws IOException {
        sim.faults().next(Route.AC_SUBMIT, Fault.status(429), 2);
        await(engine.start(request(ProviderId.ATLASCLOUD).build(), options().build()));

        assertThat(sim.stats().requests(Route.AC_SUBMIT)).isEqualTo(3);
        assertThat(sim.stats().submissions()).isEqualTo(1);
        List<RenderCheckpoint> attempts =
                checkpoints.stream().filter(c -> c.predictionId() == null).toList();
        Duration first =
                Duration.between(attempts.get(0).submittedAt(), attempts.get(1).submittedAt());
        Duration second =
                Duration.between(attempts.get(1).submittedAt(), attempts.get(2).submittedAt());
        assertThat(first).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(second).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(events)
                .filteredOn(e -> e.message().startsWith("Atlas Cloud is busy (429)"))
                .hasSize(2);
    }

    @Test
    void aWaitThatWouldPassTheDeadlineEndsTheRenderWithNothingCharged() throws IOException {
        sim.faults().next(Route.WS_SUBMIT, Fault.status(429).retryAfter(Duration.ofMinutes(10)));
        Throwable error = failure(engine.start(
                request(ProviderId.WAVESPEED).build(),
                // Beyond the stepped clock's horizon: only the render's own timers can reach it.
                options().deadline(Duration.ofMinutes(6)).build()));

        assertThat(error)
                .isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("WaveSpeed refused the submit with 429 (too many requests) 1 time")
                .hasMessageContaining("in 600 s, would come after the render's deadline of 360 s")
                .hasMessageContaining("Nothing was submitted and nothing charged");
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aRenderCancelledWhileItWaitsToSubmitAgainSendsNothingMore() throws Exception {
        sim.faults().next(Route.WS_SUBMIT, Fault.status(429).retryAfter(Duration.ofSeconds(40)));
        CountDownLatch refused = new CountDownLatch(1);
        AtomicReference<RenderHandle> handle = new AtomicReference<>();
        handle.set(engine.start(
                request(ProviderId.WAVESPEED).build(),
                options()
                        .listener(e -> {
                            events.add(e);
                            if (e.message().contains("busy (429)")) {
                                // Parks the render on its wait until the test has cancelled it.
                                scheduler.hold();
                                refused.countDown();
                            }
                        })
                        .build()));
        assertThat(refused.await(30, TimeUnit.SECONDS)).isTrue();
        handle.get().cancel();
        scheduler.release();
        assertThat(failure(handle.get())).isInstanceOf(RenderCancelledException.class);
        scheduler.advance(Duration.ofMinutes(2));
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().submissions()).isZero();
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void theRefusedAttemptIsVoidInTheLedgerAndTheAcceptedOneConfirmed() throws IOException {
        sim.faults().next(Route.WS_SUBMIT, Fault.status(429).retryAfter(Duration.ofSeconds(40)));
        FileSpendLedger ledger = FileSpendLedger.open(dir.resolve("spend"), scheduler.clock());
        RenderResult result = await(engine.start(
                request(ProviderId.WAVESPEED).build(),
                options().spend(ledger, SpendLabels.of("nightly", "7")).build()));

        assertThat(ledger.charges())
                .extracting(c -> c.state())
                .containsExactly(ChargeState.VOID, ChargeState.CONFIRMED);
        assertThat(ledger.charges().get(1).predictionId()).isEqualTo(result.predictionId());
        assertThat(ledger.report().total()).isEqualByComparingTo(sim.stats().totalCharges());
    }
}
