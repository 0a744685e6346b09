package io.jenkins.plugins.happyhorse.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The query gate alone: an "exchange" is a future the test completes, and time moves only when
 * the test moves it (a hand-driven scheduler running everything on the test's thread). A request
 * holds its slot from its sending until one second after its reply.
 */
class RateGateTest {
    private final HandClock clock = new HandClock();
    private final List<CompletableFuture<String>> sent = new CopyOnWriteArrayList<>();

    private CompletableFuture<String> send() {
        CompletableFuture<String> exchange = new CompletableFuture<>();
        sent.add(exchange);
        return exchange;
    }

    /** Runs work at once and timers when {@link #advance} reaches them, all on the caller's thread. */
    private static final class HandClock implements EngineScheduler {
        private record Timer(Instant due, long order, Runnable task) {}

        private final PriorityQueue<Timer> timers =
                new PriorityQueue<>((a, b) -> a.due().equals(b.due())
                        ? Long.compare(a.order(), b.order())
                        : a.due().compareTo(b.due()));
        private Instant now = Instant.parse("2026-05-01T00:00:00Z");
        private long order;

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public Cancellable schedule(Runnable task, Duration delay) {
            Timer t = new Timer(now.plus(delay), order++, task);
            timers.add(t);
            return () -> timers.remove(t);
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        void advance(Duration step) {
            Instant target = now.plus(step);
            while (!timers.isEmpty() && !timers.peek().due().isAfter(target)) {
                Timer t = timers.poll();
                now = t.due();
                t.task().run();
            }
            now = target;
        }
    }

    @Test
    void sendsNoMoreThanTheLimitWhileRequestsAreInFlightOrAnsweredWithinASecond() {
        RateGate gate = new RateGate(3, clock);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(gate.through(this::send));
        }
        assertThat(sent).hasSize(3);
        assertThat(gate.waitingCount()).isEqualTo(2);

        // An answer frees its slot only a second (and a margin for the host's clock) later.
        sent.get(0).complete("a");
        assertThat(results.get(0)).isCompletedWithValue("a");
        clock.advance(RateGate.WINDOW.minusMillis(1));
        assertThat(sent).hasSize(3);
        assertThat(gate.slotsInUse()).isEqualTo(3);
        clock.advance(Duration.ofMillis(1));
        assertThat(sent).hasSize(4);
        assertThat(gate.waitingCount()).isEqualTo(1);

        // A failed exchange holds its slot the same way: the host counted it all the same.
        sent.get(1).completeExceptionally(new java.io.IOException("reset"));
        assertThat(results.get(1)).isCompletedExceptionally();
        assertThat(sent).hasSize(4);
        clock.advance(RateGate.WINDOW);
        assertThat(sent).hasSize(5);
        assertThat(gate.waitingCount()).isZero();
    }

    @Test
    void waitingRequestsGoInTheOrderTheyAsked() {
        RateGate gate = new RateGate(1, clock);
        List<String> order = new CopyOnWriteArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            gate.through(() -> {
                order.add(name);
                return send();
            });
        }
        for (int i = 0; i < 3; i++) {
            assertThat(sent).hasSize(i + 1);
            sent.get(i).complete("done");
            clock.advance(RateGate.WINDOW);
        }
        assertThat(order).containsExactly("first", "second", "third");
    }

    @Test
    void aRequestCancelledWhileWaitingGivesUpItsTurnAndASentOneAbortsItsExchange() {
        RateGate gate = new RateGate(1, clock);
        CompletableFuture<String> first = gate.through(this::send);
        CompletableFuture<String> second = gate.through(this::send);
        CompletableFuture<String> third = gate.through(this::send);
        assertThat(gate.waitingCount()).isEqualTo(2);

        second.cancel(true);
        assertThat(gate.waitingCount()).isEqualTo(1);
        first.cancel(true);
        assertThat(sent.get(0)).as("the exchange in flight").isCancelled();

        clock.advance(RateGate.WINDOW);
        assertThat(sent).hasSize(2);
        sent.get(1).complete("third");
        assertThat(third).isCompletedWithValue("third");
        assertThat(gate.waitingCount()).isZero();
    }

    @Test
    void anUnlimitedGateSendsAtOnce() {
        RateGate gate = RateGate.unlimited();
        for (int i = 0; i < 100; i++) {
            gate.through(this::send);
        }
        assertThat(sent).hasSize(100);
        assertThat(gate.perSecond()).isZero();
    }
}
