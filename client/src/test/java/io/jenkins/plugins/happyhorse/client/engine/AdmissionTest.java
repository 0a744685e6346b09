package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.admission.AdmissionGate;
import io.jenkins.plugins.happyhorse.client.admission.AdmissionPolicy;
import io.jenkins.plugins.happyhorse.client.admission.ThrottleBackoff;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.job.AccountLevel;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's admission gate against a host account that allows two jobs at once: renders wait
 * for a slot holding no thread, the gate halves on a refusal and grows back, and a waiting render
 * can be cancelled or reach its deadline without submitting anything.
 */
class AdmissionTest extends SimulatorTestSupport {

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder.processingTime(Duration.ofSeconds(60)).accountLevel(Host.WAVESPEED, AccountLevel.of(2, 0));
    }

    @Override
    RenderEngine.Builder engineBuilder() {
        return super.engineBuilder()
                .admission(ProviderId.WAVESPEED, AdmissionPolicy.upTo(2))
                .throttleBackoff(ThrottleBackoff.seeded(3));
    }

    /**
     * Starts {@code count} renders while the clock is held, so that no job can end and no poll or
     * backoff fire, waits until {@code settled} of them have said something starting with {@code
     * said} (queued at the gate, or refused), then lets the clock go. What the renders meet at
     * the gate is then the same on a fast or a loaded machine.
     */
    private List<RenderHandle> startMany(RenderEngine on, int count, String said, int settled)
            throws IOException, InterruptedException {
        CountDownLatch heard = new CountDownLatch(settled);
        List<RenderHandle> handles = new ArrayList<>();
        // One image file for all: writing it again while another render uploads it would change it.
        RenderRequest.Builder clips = request(ProviderId.WAVESPEED);
        scheduler.hold();
        try {
            for (int i = 0; i < count; i++) {
                handles.add(on.start(
                        clips.prompt("clip " + i).build(),
                        options()
                                .output(dir.resolve("out").resolve("clip-" + i + ".mp4"))
                                .listener(e -> {
                                    events.add(e);
                                    if (e.message().startsWith(said)) {
                                        heard.countDown();
                                    }
                                })
                                .build()));
            }
            assertThat(heard.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.release();
        }
        return handles;
    }

    @Test
    void aGateAtTheAccountsLimitFitsTheFanOutWithoutASingleRefusal() throws Exception {
        List<RenderHandle> handles = startMany(engine, 6, "waiting for a slot", 4);
        handles.forEach(SimulatorTestSupport::await);

        assertThat(sim.stats().submissions()).isEqualTo(6);
        assertThat(sim.stats().refusedSubmits()).isZero();
        assertThat(maxConcurrentJobs(sim.jobs())).isEqualTo(2);
        assertThat(events)
                .anyMatch(e -> e.message().startsWith("waiting for a slot at WaveSpeed: 2 renders have a job"));
        assertThat(engine.admissionGates()).containsExactly(new AdmissionGate.State("WaveSpeed", 2, 2, 0, 0));
    }

    @Test
    void aGateAboveTheLimitHalvesOnARefusalAndEveryRenderIsAcceptedOnce() throws Exception {
        try (RenderEngine eager =
                engineBuilder().admission(AdmissionPolicy.upTo(4)).build()) {
            // Up to four submits at once against an account that runs two jobs: at least one is refused.
            // How many go out before the first refusal halves the gate depends on the uploads, which
            // run in real time, so the test waits for the first refusal only.
            List<RenderHandle> handles = startMany(eager, 6, "WaveSpeed is busy (429)", 1);
            handles.forEach(SimulatorTestSupport::await);
            assertThat(sim.stats().submissions()).isEqualTo(6);
            assertThat(sim.stats().refusedSubmits()).isPositive();
            assertThat(maxConcurrentJobs(sim.jobs())).isEqualTo(2);
            assertThat(events).anyMatch(e -> e.message().startsWith("WaveSpeed is busy (429): submitting again in"));
            AdmissionGate.State gate = eager.admissionGates().get(0);
            assertThat(gate.inUse()).isZero();
            assertThat(gate.limit()).isBetween(1, 4);
        }
    }

    /**
     * The account's only slot, held by the test itself: a render started now must wait, however
     * fast or slow the machine is (another render's job could end before this one reaches the gate).
     */
    private static AdmissionGate.Permit holdTheOnlySlot(RenderEngine single) {
        AdmissionGate gate = single.admission().gate(single.provider(ProviderId.WAVESPEED), ApiKey.of(KEY));
        return gate.acquire().join();
    }

    @Test
    void aRenderWaitingForASlotCanBeCancelledAndSubmitsNothing() throws Exception {
        try (RenderEngine single =
                engineBuilder().admission(AdmissionPolicy.upTo(1)).build()) {
            AdmissionGate.Permit held = holdTheOnlySlot(single);
            CountDownLatch waiting = new CountDownLatch(1);
            RenderHandle second = single.start(
                    request(ProviderId.WAVESPEED).prompt("second").build(),
                    options()
                            .output(dir.resolve("out").resolve("second.mp4"))
                            .listener(e -> {
                                if (e.message().startsWith("waiting for a slot")) {
                                    waiting.countDown();
                                }
                            })
                            .build());
            assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.waitingForSlot()).isTrue();
            second.cancel();
            assertThat(failure(second))
                    .isInstanceOf(RenderCancelledException.class)
                    .hasMessageContaining("nothing was submitted");
            assertThat(sim.stats().submissions()).isZero();
            assertThat(single.admissionGates().get(0).waiting()).isZero();
            held.release();
            assertThat(single.admissionGates().get(0).inUse()).isZero();
        }
    }

    @Test
    void aRenderWaitingForASlotReachesItsDeadlineWithoutSubmitting() throws IOException {
        try (RenderEngine single =
                engineBuilder().admission(AdmissionPolicy.upTo(1)).build()) {
            AdmissionGate.Permit held = holdTheOnlySlot(single);
            RenderHandle late = single.start(
                    request(ProviderId.WAVESPEED).prompt("late").build(),
                    options()
                            .output(dir.resolve("out").resolve("late.mp4"))
                            .deadline(Duration.ofSeconds(30))
                            .build());
            assertThat(failure(late))
                    .isInstanceOf(DeadlineExceededException.class)
                    .hasMessageContaining("30 s");
            assertThat(sim.stats().submissions()).isZero();
            assertThat(single.admissionGates().get(0).waiting()).isZero();
            held.release();
        }
    }

    @Test
    void aRenderQueuedLongerThanItsDeadlineGetsItsWholeDeadlineOnceAdmittedWhenTheWaitIsBoundedApart()
            throws Exception {
        try (RenderEngine single =
                engineBuilder().admission(AdmissionPolicy.upTo(1)).build()) {
            AdmissionGate.Permit held = holdTheOnlySlot(single);
            Instant started = scheduler.now();
            CountDownLatch queued = new CountDownLatch(1);
            RenderHandle render;
            // The clock stands still until the render is in the queue: however slow the machine,
            // its 100 s deadline cannot pass before the wait for a slot takes over.
            scheduler.hold();
            try {
                render = single.start(
                        request(ProviderId.WAVESPEED).prompt("queued").build(),
                        options()
                                .output(dir.resolve("out").resolve("queued.mp4"))
                                .deadline(Duration.ofSeconds(100))
                                .slotWait(Duration.ofHours(1))
                                .listener(e -> {
                                    if (e.message().startsWith("waiting for a slot")) {
                                        queued.countDown();
                                    }
                                })
                                .build());
                assertThat(queued.await(60, TimeUnit.SECONDS)).isTrue();
                // The slot comes free after 3 simulated minutes, long after the 100 s deadline.
                scheduler.schedule(held::release, Duration.ofMinutes(3));
            } finally {
                scheduler.release();
            }
            RenderResult result = await(render);
            assertThat(result.timings().completedAt()).isAfter(started.plus(Duration.ofMinutes(3)));
            assertThat(sim.stats().submissions()).isEqualTo(1);
        }
    }

    @Test
    void aRenderWhoseWaitForASlotIsBoundedApartGivesUpAtThatBoundWithoutSubmitting() throws Exception {
        try (RenderEngine single =
                engineBuilder().admission(AdmissionPolicy.upTo(1)).build()) {
            AdmissionGate.Permit held = holdTheOnlySlot(single);
            RenderHandle queued = single.start(
                    request(ProviderId.WAVESPEED).prompt("queued").build(),
                    options()
                            .output(dir.resolve("out").resolve("queued.mp4"))
                            .deadline(Duration.ofHours(2))
                            .slotWait(Duration.ofMinutes(5))
                            .build());
            assertThat(failure(queued))
                    .isInstanceOf(DeadlineExceededException.class)
                    .hasMessageContaining("waited 300 s for a slot at WaveSpeed")
                    .hasMessageContaining("Nothing was submitted");
            assertThat(sim.stats().submissions()).isZero();
            held.release();
        }
    }

    /** The most jobs the host had unfinished at one instant. */
    static int maxConcurrentJobs(List<SimulatedJob> jobs) {
        int max = 0;
        for (SimulatedJob job : jobs) {
            Instant at = job.createdAtSimulated();
            int running = 0;
            for (SimulatedJob other : jobs) {
                if (!other.createdAtSimulated().isAfter(at)
                        && other.completesAtSimulated().isAfter(at)) {
                    running++;
                }
            }
            max = Math.max(max, running);
        }
        return max;
    }
}
