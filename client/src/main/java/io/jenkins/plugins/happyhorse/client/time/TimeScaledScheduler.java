package io.jenkins.plugins.happyhorse.client.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A scheduler whose clock runs {@code scale} times faster than real time, for tests and
 * benchmarks against a simulator with the same time scale: a task scheduled after a delay runs
 * after {@code delay / scale} of real time. It records every non-zero delay it was asked for, so a
 * test can check that a retry honoured {@code Retry-After} without waiting for it.
 */
public final class TimeScaledScheduler implements EngineScheduler {
    /** At most this many delays are kept; the oldest are dropped first. */
    static final int MAX_RECORDED = 10_000;

    private static final ScheduledThreadPoolExecutor EXECUTOR = SystemScheduler.sharedExecutor("happyhorse-scaled");

    private final double scale;
    private final Instant origin;
    private final long originNanos;
    private final ArrayDeque<Duration> recorded = new ArrayDeque<>();

    /**
     * @param scale engine seconds per real second, at least 1 (1 is real time)
     */
    public TimeScaledScheduler(double scale) {
        this(scale, Instant.now());
    }

    /**
     * @param scale engine seconds per real second, at least 1
     * @param origin what the clock reads now
     */
    public TimeScaledScheduler(double scale, Instant origin) {
        if (!(scale >= 1) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("The time scale must be a number of at least 1, was " + scale);
        }
        this.scale = scale;
        this.origin = origin;
        this.originNanos = System.nanoTime();
    }

    /** Engine seconds per real second. */
    public double scale() {
        return scale;
    }

    @Override
    public Instant now() {
        long realNanos = System.nanoTime() - originNanos;
        return origin.plusNanos((long) (realNanos * scale));
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        if (!delay.isZero() && !delay.isNegative()) {
            synchronized (recorded) {
                if (recorded.size() >= MAX_RECORDED) {
                    recorded.pollFirst();
                }
                recorded.add(delay);
            }
        }
        long realDelay = (long) (Math.max(0, delay.toNanos()) / scale);
        return SystemScheduler.submit(EXECUTOR, task, realDelay);
    }

    @Override
    public void execute(Runnable task) {
        EXECUTOR.execute(SystemScheduler.guarded(task));
    }

    /** The non-zero delays asked for so far, oldest first, in engine-clock time. */
    public List<Duration> recordedDelays() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** Forgets the recorded delays. */
    public void clearRecordedDelays() {
        synchronized (recorded) {
            recorded.clear();
        }
    }

    @Override
    public String toString() {
        return "TimeScaledScheduler(" + scale + ")";
    }
}
