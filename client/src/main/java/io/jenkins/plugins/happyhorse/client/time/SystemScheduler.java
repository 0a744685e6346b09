package io.jenkins.plugins.happyhorse.client.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The process-wide scheduler behind {@link EngineScheduler#system()}: real time, daemon threads. */
final class SystemScheduler implements EngineScheduler {
    static final SystemScheduler INSTANCE = new SystemScheduler(sharedExecutor("happyhorse-engine"));

    private final ScheduledThreadPoolExecutor executor;

    SystemScheduler(ScheduledThreadPoolExecutor executor) {
        this.executor = executor;
    }

    /**
     * Two daemon threads whose cancelled tasks leave the queue at once, so that cancelled polls and
     * deadlines of finished renders do not pile up.
     */
    static ScheduledThreadPoolExecutor sharedExecutor(String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread t = new Thread(runnable, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, factory);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        return submit(executor, task, Math.max(0, delay.toNanos()));
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    static Cancellable submit(ScheduledThreadPoolExecutor executor, Runnable task, long delayNanos) {
        ScheduledFuture<?> future = executor.schedule(guarded(task), delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** A task that throws must not kill the shared thread nor be silently swallowed by a future. */
    static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        };
    }

    @Override
    public String toString() {
        return "EngineScheduler.system()";
    }
}
