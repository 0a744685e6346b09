package io.jenkins.plugins.happyhorse.bench.measure;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the retained heap while something runs: every period it forces a collection and keeps
 * the highest used heap seen after it. The forced collections slow the work being watched, so a
 * throughput is never measured in the same pass.
 */
public final class HeapSampler implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final long baseline;
    private long peakAfterGc;
    private long peakRaw;

    private HeapSampler(long periodMillis) {
        this.baseline = HeapProbe.usedAfterGc();
        this.peakAfterGc = baseline;
        this.peakRaw = baseline;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "bench-heap-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Measures the baseline now, then samples every {@code periodMillis}. */
    public static HeapSampler start(long periodMillis) {
        return new HeapSampler(periodMillis);
    }

    private void sample() {
        long raw = HeapProbe.usedNow();
        long retained = HeapProbe.usedAfterGc();
        synchronized (this) {
            peakRaw = Math.max(peakRaw, raw);
            peakAfterGc = Math.max(peakAfterGc, retained);
        }
    }

    /** Retained heap at the start, in bytes. */
    public long baseline() {
        return baseline;
    }

    /** The highest retained heap seen minus the baseline, in bytes (never negative). */
    public synchronized long retainedGrowth() {
        return Math.max(0, peakAfterGc - baseline);
    }

    /** The highest used heap seen before a collection, minus the baseline (garbage included). */
    public synchronized long rawGrowth() {
        return Math.max(0, peakRaw - baseline);
    }

    /** Stops sampling after one last sample. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
