package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The life of one run, apart from what it does: a result that completes once; steps that run on a
 * scheduler thread (off the HTTP I/O threads) and never once the run is over; and an end that the
 * first outcome claims. The claimer cleans up (through the run's clean-up) before it completes the
 * result, so whoever the result wakes finds nothing left behind.
 */
final class RunControl {
    private final EngineScheduler scheduler;
    private final RenderListener listener;
    private final Supplier<RenderPhase> phase;
    private final Instant queuedAt;
    /** When the render's deadline started counting: the start, or its admission after a wait for a slot. */
    private volatile Instant deadlineFrom;

    private final CompletableFuture<RenderResult> result = new CompletableFuture<>();
    /** Set by the first outcome; it alone goes on to clean up and complete {@link #result}. */
    private final AtomicBoolean over = new AtomicBoolean();

    private final Function<Throwable, RenderException> explain;
    private final Consumer<RenderException> cleanUp;

    /**
     * @param phase the run's current phase, for events
     * @param explain turns any failure into the {@link RenderException} to report
     * @param cleanUp stops what is pending and removes what is left; runs once, with the outcome
     *     (null for success), before the result completes
     */
    RunControl(
            EngineScheduler scheduler,
            RenderListener listener,
            Supplier<RenderPhase> phase,
            Function<Throwable, RenderException> explain,
            Consumer<RenderException> cleanUp) {
        this.scheduler = scheduler;
        this.listener = listener;
        this.phase = phase;
        this.explain = explain;
        this.cleanUp = cleanUp;
        this.queuedAt = scheduler.now();
        this.deadlineFrom = queuedAt;
        // Only for a caller completing or cancelling the future itself; the run's own outcomes
        // clean up before they complete it.
        result.whenComplete((r, error) -> {
            if (claim()) {
                cleanUp.accept(error == null ? null : explain.apply(Failures.unwrap(error)));
            }
        });
    }

    CompletableFuture<RenderResult> result() {
        return result;
    }

    /** When the run was started (engine clock). */
    Instant queuedAt() {
        return queuedAt;
    }

    Instant now() {
        return scheduler.now();
    }

    /** When the deadline started counting (engine clock): the start, unless {@link #restartDeadline()} moved it. */
    Instant deadlineFrom() {
        return deadlineFrom;
    }

    /** The deadline counts from now: a render that waited for a slot at the host gets its whole time once admitted. */
    void restartDeadline() {
        deadlineFrom = scheduler.now();
    }

    /** Whether an outcome has claimed the run; no step may start once it has. */
    boolean isOver() {
        return over.get();
    }

    /** Claims the run for the caller's outcome; false when another outcome came first. */
    boolean claim() {
        return over.compareAndSet(false, true);
    }

    /** Runs {@code step} soon on a scheduler thread, unless the run is over by then. */
    void next(Runnable step) {
        if (isOver()) {
            return;
        }
        scheduler.execute(() -> guarded(step));
    }

    /** Runs {@code step} here, unless the run is over; whatever it throws ends the run. */
    void guarded(Runnable step) {
        if (isOver()) {
            return;
        }
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    /** Schedules {@code task} after {@code delay}, guarded; returns a handle, cancelled at once if the run is over. */
    Cancellable after(Duration delay, Runnable task) {
        Cancellable scheduled = scheduler.schedule(() -> guarded(task), delay);
        if (isOver()) {
            scheduled.cancel();
        }
        return scheduled;
    }

    /** Ends the run with {@code error}, unless another outcome came first. */
    void fail(Throwable error) {
        if (claim()) {
            end(explain.apply(Failures.unwrap(error)));
        }
    }

    /** After {@link #claim()}: cleans up, then fails the result. */
    void end(RenderException error) {
        cleanUp.accept(error);
        result.completeExceptionally(error);
    }

    /** After {@link #claim()}: cleans up, then completes the result. */
    void succeed(RenderResult value) {
        cleanUp.accept(null);
        result.complete(value);
    }

    /** Tells the listener; a listener's failure does not break the run. */
    void emit(String message) {
        try {
            listener.onEvent(new RenderEvent(phase.get(), Duration.between(queuedAt, scheduler.now()), message));
        } catch (RuntimeException e) {
            // A listener's failure must not break the render.
        }
    }
}
