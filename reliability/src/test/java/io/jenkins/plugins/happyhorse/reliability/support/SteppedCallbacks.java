package io.jenkins.plugins.happyhorse.reliability.support;

import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatorTimer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The simulator's callbacks on the rig's stepped clock: sent exactly when the clock reaches a job's
 * end, with the clock held while one is in flight.
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
