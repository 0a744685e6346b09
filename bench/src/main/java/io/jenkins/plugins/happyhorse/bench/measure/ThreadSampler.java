package io.jenkins.plugins.happyhorse.bench.measure;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes a {@link ThreadCensus} every few milliseconds on a harness thread and keeps the peak of
 * each owner's count, so that a short burst of threads between two looks at the end is not
 * missed.
 */
public final class ThreadSampler implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private int peakClient;
    private int peakSimulator;
    private int peakTotal;
    private java.util.SortedMap<String, Integer> clientGroupsAtPeak = new java.util.TreeMap<>();

    private ThreadSampler(long periodMillis) {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "bench-thread-sampler");
            t.setDaemon(true);
            return t;
        });
        sample();
        timer.scheduleAtFixedRate(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts sampling every {@code periodMillis}. */
    public static ThreadSampler start(long periodMillis) {
        return new ThreadSampler(periodMillis);
    }

    private synchronized void sample() {
        ThreadCensus.Count c = ThreadCensus.take();
        if (c.client() > peakClient) {
            clientGroupsAtPeak = ThreadCensus.clientThreadGroups();
        }
        peakClient = Math.max(peakClient, c.client());
        peakSimulator = Math.max(peakSimulator, c.simulator());
        peakTotal = Math.max(peakTotal, c.total());
    }

    /** Takes one more sample now (e.g. at a plateau) and returns the peaks so far. */
    public synchronized ThreadCensus.Count peaks() {
        sample();
        return new ThreadCensus.Count(peakClient, peakSimulator, peakTotal - peakClient - peakSimulator);
    }

    /** The client-side threads, grouped by name, when their count was highest. */
    public synchronized java.util.SortedMap<String, Integer> clientGroupsAtPeak() {
        return new java.util.TreeMap<>(clientGroupsAtPeak);
    }

    /** The highest total of all threads seen. */
    public synchronized int peakTotal() {
        return peakTotal;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
