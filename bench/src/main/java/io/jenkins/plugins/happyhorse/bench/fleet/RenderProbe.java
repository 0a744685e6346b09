package io.jenkins.plugins.happyhorse.bench.fleet;

import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the renders of one run report their milestones: submitted (with the prediction id),
 * noticed complete (stamped with the simulator's clock, so that the delay after the job's
 * completion is measured on one timeline), finished and failed. Its arrays are allocated up
 * front, before the heap is measured, so that the probe itself adds nothing per render.
 */
public final class RenderProbe {
    private static final int MAX_FAILURES_KEPT = 5;

    private final Simulator sim;
    private final int size;
    private final String[] predictionIds;
    private final long[] noticedAtSimNanos;
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger noticed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final CountDownLatch allSubmitted;
    private final CountDownLatch allEnded;
    private final List<String> failures = new ArrayList<>();

    public RenderProbe(Simulator sim, int size) {
        this.sim = sim;
        this.size = size;
        this.predictionIds = new String[size];
        this.noticedAtSimNanos = new long[size];
        this.allSubmitted = new CountDownLatch(size);
        this.allEnded = new CountDownLatch(size);
    }

    public int size() {
        return size;
    }

    /** Render {@code i} has a prediction id: it now waits for the host. */
    public void submitted(int i, String predictionId) {
        synchronized (predictionIds) {
            if (predictionIds[i] != null) {
                return;
            }
            predictionIds[i] = predictionId;
        }
        submitted.incrementAndGet();
        allSubmitted.countDown();
    }

    /** Render {@code i} has just learnt that its job is complete. */
    public void noticed(int i) {
        long now = epochNanos(sim.simulatedNow());
        synchronized (noticedAtSimNanos) {
            if (noticedAtSimNanos[i] != 0) {
                return;
            }
            noticedAtSimNanos[i] = now;
        }
        noticed.incrementAndGet();
    }

    /** Render {@code i} ended well. */
    public void finished(int i) {
        allEnded.countDown();
    }

    /** Render {@code i} ended with {@code error}. */
    public void failed(int i, Throwable error) {
        failed.incrementAndGet();
        synchronized (failures) {
            if (failures.size() < MAX_FAILURES_KEPT) {
                failures.add("render " + i + ": " + error);
            }
        }
        allEnded.countDown();
    }

    public int submittedCount() {
        return submitted.get();
    }

    public int noticedCount() {
        return noticed.get();
    }

    public int failedCount() {
        return failed.get();
    }

    public int endedCount() {
        return size - (int) allEnded.getCount();
    }

    /** Waits until every render has a prediction id (or something ended badly); true when all have. */
    public boolean awaitAllSubmitted(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            if (allSubmitted.await(50, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (failed.get() > 0) {
                return false;
            }
        }
        return allSubmitted.getCount() == 0;
    }

    /** Waits until every render has ended; true when all have. */
    public boolean awaitAllEnded(long timeout, TimeUnit unit) throws InterruptedException {
        return allEnded.await(timeout, unit);
    }

    /** The prediction id of render {@code i}, or null. */
    public String predictionId(int i) {
        synchronized (predictionIds) {
            return predictionIds[i];
        }
    }

    /** When render {@code i} noticed completion, in simulated time, or null. */
    public Instant noticedAt(int i) {
        long nanos;
        synchronized (noticedAtSimNanos) {
            nanos = noticedAtSimNanos[i];
        }
        return nanos == 0 ? null : Instant.ofEpochSecond(0, nanos);
    }

    /** The first few failures, for the report. */
    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
