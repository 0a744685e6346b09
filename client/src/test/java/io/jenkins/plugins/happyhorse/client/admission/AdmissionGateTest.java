package io.jenkins.plugins.happyhorse.client.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The adaptive gate: start, halve on a 429, grow by one per accepted submit, queue without threads. */
class AdmissionGateTest {

    @Test
    void startsAtTheInitialLimitAndQueuesTheRestInOrder() {
        AdmissionGate gate = new AdmissionGate("WaveSpeed", AdmissionPolicy.of(2, 4));
        CompletableFuture<AdmissionGate.Permit> a = gate.acquire();
        CompletableFuture<AdmissionGate.Permit> b = gate.acquire();
        CompletableFuture<AdmissionGate.Permit> c = gate.acquire();
        CompletableFuture<AdmissionGate.Permit> d = gate.acquire();
        assertThat(a).isCompleted();
        assertThat(b).isCompleted();
        assertThat(c).isNotDone();
        assertThat(d).isNotDone();
        assertThat(gate.state()).isEqualTo(new AdmissionGate.State("WaveSpeed", 2, 4, 2, 2));

        a.join().release();
        assertThat(c).isCompleted();
        assertThat(d).isNotDone();
    }

    @Test
    void halvesOnARefusalAndGrowsByOnePerAcceptedSubmitUpToTheMaximum() {
        AdmissionGate gate = new AdmissionGate("WaveSpeed", AdmissionPolicy.of(8, 10));
        gate.acquire().join().throttled();
        assertThat(gate.limit()).isEqualTo(4);
        gate.acquire().join().throttled();
        gate.acquire().join().throttled();
        gate.acquire().join().throttled();
        assertThat(gate.limit()).as("never below one").isEqualTo(1);

        List<AdmissionGate.Permit> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<AdmissionGate.Permit> granted = gate.acquire();
            assertThat(granted)
                    .as("each accepted submit made room for one more")
                    .isCompleted();
            AdmissionGate.Permit p = granted.join();
            p.accepted();
            p.accepted(); // once per permit
            held.add(p);
        }
        assertThat(gate.limit()).as("never above the maximum").isEqualTo(10);
        assertThat(gate.inUse()).isEqualTo(10);
        assertThat(gate.acquire()).isNotDone();
        held.forEach(AdmissionGate.Permit::release);
        assertThat(gate.inUse()).as("the waiter got a slot").isEqualTo(1);
    }

    @Test
    void aGrowingLimitLetsWaitersIn() {
        AdmissionGate gate = new AdmissionGate("Atlas Cloud", AdmissionPolicy.of(1, 3));
        AdmissionGate.Permit first = gate.acquire().join();
        CompletableFuture<AdmissionGate.Permit> second = gate.acquire();
        assertThat(second).isNotDone();
        first.accepted();
        assertThat(second).as("the limit grew to 2 while the first still runs").isCompleted();
        assertThat(gate.inUse()).isEqualTo(2);
    }

    @Test
    void aCancelledWaiterGivesUpItsPlaceAndNeverTakesASlot() {
        AdmissionGate gate = new AdmissionGate("WaveSpeed", AdmissionPolicy.upTo(1));
        AdmissionGate.Permit first = gate.acquire().join();
        CompletableFuture<AdmissionGate.Permit> cancelled = gate.acquire();
        CompletableFuture<AdmissionGate.Permit> next = gate.acquire();
        cancelled.cancel(false);
        assertThat(gate.waiting()).isEqualTo(1);
        first.release();
        assertThat(next).isCompleted();
        assertThat(gate.inUse()).isEqualTo(1);
        next.join().release();
        assertThat(gate.inUse()).isZero();
    }

    @Test
    void aResumedJobOccupiesASlotEvenOverTheLimit() {
        AdmissionGate gate = new AdmissionGate("WaveSpeed", AdmissionPolicy.upTo(1));
        gate.acquire().join();
        AdmissionGate.Permit resumed = gate.occupy();
        assertThat(gate.inUse()).isEqualTo(2);
        assertThat(gate.acquire()).isNotDone();
        resumed.release();
        resumed.release(); // idempotent
        assertThat(gate.inUse()).isEqualTo(1);
    }

    @Test
    void aPolicyOutsideItsBoundsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AdmissionPolicy.of(0, 3)).hasMessageContaining("admission initial: 0");
        assertThatThrownBy(() -> AdmissionPolicy.of(5, 3)).hasMessageContaining("from 1 to the maximum, 3");
        assertThatThrownBy(() -> AdmissionPolicy.of(1, 0)).hasMessageContaining("admission max: 0");
    }

    @Test
    void theBackoffHonoursRetryAfterAndOtherwiseJittersWithinItsCeiling() {
        ThrottleBackoff backoff = new ThrottleBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60), new Random(1));
        assertThat(backoff.delay(1, Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delay(3, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        for (int refusals = 1; refusals < 10; refusals++) {
            long ceiling = Math.min(60_000, 10_000L << (refusals - 1));
            Duration d = backoff.delay(refusals, null);
            assertThat(d.toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }
}
