package io.jenkins.plugins.happyhorse;

import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import io.jenkins.plugins.happyhorse.client.time.TimeScaledScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's clock for tests that look at a render while it waits: time runs as fast as the
 * simulator's ({@link RenderFixture#TIME_SCALE}), but while {@link #hold()} is on, every wait the
 * engine schedules (the next poll, a retry, the deadline) is parked instead of started. A render
 * that reached its first wait so stays waiting, for as long as the test needs and however slow the
 * machine, until {@link #release()} starts the parked waits. Work the engine runs at once is never
 * held.
 */
final class HeldWaits implements EngineScheduler {
    private final TimeScaledScheduler clock = new TimeScaledScheduler(RenderFixture.TIME_SCALE);
    private final List<Parked> parked = new ArrayList<>();
    private boolean holding;

    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        synchronized (this) {
            if (holding && !delay.isZero() && !delay.isNegative()) {
                Parked p = new Parked(task, delay);
                parked.add(p);
                return p::cancel;
            }
        }
        return clock.schedule(task, delay);
    }

    @Override
    public void execute(Runnable task) {
        clock.execute(task);
    }

    /** Parks every wait scheduled from now on. */
    synchronized void hold() {
        holding = true;
    }

    /** How many waits are parked now: a render waiting for its next poll has one (its deadline is another). */
    synchronized int parked() {
        return (int) parked.stream().filter(p -> !p.cancelled).count();
    }

    /** Stops parking, and starts every parked wait with the delay it asked for. */
    void release() {
        List<Parked> start;
        synchronized (this) {
            holding = false;
            start = new ArrayList<>(parked);
            parked.clear();
        }
        for (Parked p : start) {
            p.start(clock);
        }
    }

    private static final class Parked {
        private final Runnable task;
        private final Duration delay;
        private volatile boolean cancelled;
        private Cancellable started;

        Parked(Runnable task, Duration delay) {
            this.task = task;
            this.delay = delay;
        }

        synchronized void cancel() {
            cancelled = true;
            if (started != null) {
                started.cancel();
            }
        }

        synchronized void start(EngineScheduler on) {
            if (!cancelled) {
                started = on.schedule(task, delay);
            }
        }
    }
}
