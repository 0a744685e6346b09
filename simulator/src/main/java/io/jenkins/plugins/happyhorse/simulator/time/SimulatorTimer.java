package io.jenkins.plugins.happyhorse.simulator.time;

import java.time.Duration;

/**
 * Runs a task after a span of simulated time: how the simulator sends a host's completion
 * callback when a job ends. By default a task waits {@code delay / timeScale} of real time on the
 * simulator's own timer thread; a test gives the simulator the timer of the clock it already
 * shares with the client (for example {@code (task, delay) -> scheduler.schedule(task,
 * delay)::cancel}), so that callbacks arrive at exactly the simulated instant, in order with
 * everything else on that clock. Tasks must be short and must not block.
 */
@FunctionalInterface
public interface SimulatorTimer {

    /**
     * Runs {@code task} once after {@code delay} of simulated time.
     *
     * @return what cancels it (harmless once it ran)
     */
    Runnable schedule(Runnable task, Duration delay);

    /**
     * Keeps the clock from moving while a callback is in flight, so that a receiver judges its
     * timestamp at the instant it was sent however slow the exchange is in real time; returns what
     * lets the clock move again (called exactly once). Holds may overlap. Nothing by default: a clock
     * that follows real time cannot be held.
     */
    default Runnable hold() {
        return () -> {};
    }
}
