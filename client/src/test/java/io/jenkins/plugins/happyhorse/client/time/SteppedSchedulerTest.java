package io.jenkins.plugins.happyhorse.client.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SteppedSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final SteppedScheduler s = new SteppedScheduler(T0, 1000);
    private final List<String> fired = new CopyOnWriteArrayList<>();

    /** A task that notes its name and the clock's reading when it runs. */
    private Runnable note(String name) {
        return () -> fired.add(name + "@" + Duration.between(T0, s.now()).toSeconds());
    }

    @Test
    void theClockStandsStillUntilATimerFiresAndThenReadsItsDueInstant() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        s.execute(note("work"));
        s.schedule(
                () -> {
                    note("timer").run();
                    ran.countDown();
                },
                Duration.ofSeconds(30));

        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).containsExactly("work@0", "timer@30");
        assertThat(s.now()).isEqualTo(T0.plusSeconds(30));
        assertThat(s.recordedDelays()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void timersFireInTheOrderOfTheirDueInstantsTiesInTheOrderScheduled() throws Exception {
        CountDownLatch last = new CountDownLatch(1);
        s.hold();
        s.schedule(
                () -> {
                    note("a").run();
                    last.countDown();
                },
                Duration.ofSeconds(60));
        s.schedule(note("b"), Duration.ofSeconds(10));
        s.schedule(note("c"), Duration.ofSeconds(10));
        s.schedule(note("d"), Duration.ZERO);
        s.release();

        assertThat(last.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).containsExactly("d@0", "b@10", "c@10", "a@60");
    }

    @Test
    void aTimerBeyondTheHorizonFiresWhenALaterTimerPassesItNeverOnItsOwn() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        // A deadline-like timer at 5 min 30 s, and a chain of polls every 2 minutes passing it.
        s.schedule(note("deadline"), SteppedScheduler.HORIZON.plusSeconds(30));
        chain(4, done);

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).containsExactly("poll@120", "poll@240", "deadline@330", "poll@360", "poll@480");
    }

    private void chain(int left, CountDownLatch done) {
        s.schedule(
                () -> {
                    note("poll").run();
                    if (left > 1) {
                        chain(left - 1, done);
                    } else {
                        done.countDown();
                    }
                },
                Duration.ofMinutes(2));
    }

    @Test
    void advanceMovesTheClockAndFiresWhatFallsDueOnTheWay() {
        s.schedule(note("deadline"), Duration.ofHours(1));
        s.schedule(note("later"), Duration.ofHours(3));

        s.advance(Duration.ofHours(2));

        assertThat(fired).containsExactly("deadline@3600");
        assertThat(s.now()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(s.pendingTimers()).isEqualTo(1);
        assertThatThrownBy(() -> s.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void heldTimersWaitForTheReleaseAndCancelledOnesNeverRun() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        s.hold();
        s.schedule(note("poll"), Duration.ofSeconds(1));
        Cancellable cancelled = s.schedule(note("cancelled"), Duration.ofMillis(500));
        s.schedule(released::countDown, Duration.ofSeconds(2));
        cancelled.cancel();

        // Time passes, but nothing fires while held.
        s.advance(Duration.ofSeconds(5));
        assertThat(fired).isEmpty();
        assertThat(s.pendingTimers()).isEqualTo(2);

        s.release();
        assertThat(released.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).containsExactly("poll@5");
        assertThat(s.pendingTimers()).isZero();
    }

    @Test
    void noLaterTimerFiresWhileAnExchangeIsInFlightAndTheStepItsReplyQueuedRunsFirst() throws Exception {
        CountDownLatch last = new CountDownLatch(1);
        Runnable exchange = s.busy();
        s.schedule(note("same instant"), Duration.ZERO);
        s.schedule(note("callback"), Duration.ofSeconds(1));
        s.schedule(last::countDown, Duration.ofSeconds(2));
        s.advance(Duration.ZERO);
        assertThat(fired)
                .as("a timer of the same instant fires; the clock does not move")
                .containsExactly("same instant@0");

        // The reply queues the engine's next step, then the exchange ends (ending twice changes nothing).
        s.execute(note("next step"));
        exchange.run();
        exchange.run();
        assertThat(last.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).containsExactly("same instant@0", "next step@0", "callback@1");
    }

    @Test
    void anAdvanceDuringAnExchangeReturnsOnceItEndedWithTheClockThereAndWhatCameDueFired() throws Exception {
        // A render's result completes a moment before its last exchange ends here; a test that
        // advances the clock at that moment must still find the clock moved when the call returns.
        Runnable exchange = s.busy();
        s.schedule(note("deadline"), Duration.ofHours(1));
        Thread tester = Thread.currentThread();
        Thread ender = new Thread(() -> {
            long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // Ends the exchange once the advance waits for it (or at the bound, whichever is first).
            while (tester.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < bound) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            exchange.run();
        });
        ender.start();

        s.advance(Duration.ofHours(2));

        assertThat(s.now()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(fired).containsExactly("deadline@3600");
        ender.join(TimeUnit.SECONDS.toMillis(30));
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler quiet = (t, e) -> fired.add("uncaught " + e.getMessage());
        s.execute(() -> Thread.currentThread().setUncaughtExceptionHandler(quiet));
        s.schedule(
                () -> {
                    throw new IllegalStateException("boom");
                },
                Duration.ofSeconds(1));
        s.schedule(after::countDown, Duration.ofSeconds(2));

        assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).containsExactly("uncaught boom");
        s.execute(() -> Thread.currentThread().setUncaughtExceptionHandler(null));
    }

    @Test
    void itsClockReadsTheSchedulersInstantInAnyZone() {
        s.advance(Duration.ofMinutes(7));

        assertThat(s.clock().instant()).isEqualTo(T0.plus(Duration.ofMinutes(7)));
        assertThat(s.clock().withZone(ZoneId.of("Europe/Paris")).instant()).isEqualTo(s.now());
        assertThat(new SteppedScheduler().now()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> new SteppedScheduler(T0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
