package io.jenkins.plugins.happyhorse.client.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The engine's clock and timer. Every wait in the engine (the next poll, a retry's backoff, the
 * overall deadline) is a task scheduled here rather than a sleeping thread, so that a thousand
 * waiting renders cost the same threads as one. Tasks must be short and must not block.
 */
public interface EngineScheduler {

    /** The engine clock's current instant. */
    Instant now();

    /** Runs {@code task} once after {@code delay} of engine-clock time. */
    Cancellable schedule(Runnable task, Duration delay);

    /**
     * Runs {@code task} soon on a scheduler thread, for short work (hashing an image, checking a
     * downloaded file) that should not run on an HTTP I/O thread or on the caller's thread.
     */
    default void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    /**
     * Marks work under way outside the scheduler (an HTTP exchange) until the returned handle is
     * run (once; running it again does nothing). The system clock takes no notice; a clock that
     * moves from timer to timer ({@link SteppedScheduler}) stands still meanwhile, so that the host
     * sees a request at the instant it was sent, however long the exchange takes in real time.
     */
    default Runnable busy() {
        return () -> {};
    }

    /** One small shared daemon scheduler (two threads) and the system clock. */
    static EngineScheduler system() {
        return SystemScheduler.INSTANCE;
    }
}
