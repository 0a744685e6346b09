package io.jenkins.plugins.happyhorse;

import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatorTimer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The simulator's callbacks on the engine's stepped clock: a host's callback is sent exactly when
 * the clock reaches the job's end, in order with the engine's own timers, and the clock is held
 * while the callback is in flight, so that however slow the exchange, the receiver judges it at the
 * instant it was sent.
 */
final class SteppedCallbacks implements SimulatorTimer {
    private final SteppedScheduler scheduler;

    SteppedCallbacks(SteppedScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Runnable schedule(Runnable task, Duration delay) {
        Cancellable timer = scheduler.schedule(task, delay);
        return timer::cancel;
    }

    @Override
    public Runnable hold() {
        scheduler.hold();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                scheduler.release();
            }
        };
    }
}
