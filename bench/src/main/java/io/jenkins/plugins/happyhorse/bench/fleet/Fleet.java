package io.jenkins.plugins.happyhorse.bench.fleet;

import io.jenkins.plugins.happyhorse.bench.workload.RenderSpec;

/**
 * Many renders run by one client under test (the engine, or the thread-per-render baseline),
 * reporting to one {@link RenderProbe}.
 */
public interface Fleet extends AutoCloseable {

    /** What the report calls this client, e.g. {@code engine} or {@code baseline 2 s}. */
    String label();

    /** Starts render {@code i}; returns at once. */
    void start(int i, RenderSpec spec);

    /** Stops every render still running and waits (bounded) until they have stopped. */
    void cancelAll();

    /** Called just before the heap is read at the plateau: drop anything that is no render's state. */
    default void beforeHeapMeasurement() {}

    /** Drops every reference this fleet keeps to its renders, so that they can be collected. */
    void release();

    /** Frees the client's resources (HTTP client, threads). */
    @Override
    void close();
}
