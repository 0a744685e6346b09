package io.jenkins.plugins.happyhorse.bench.fleet;

import java.util.List;
import java.util.Map;

/**
 * What one run of a fleet measured. Every figure that could not be measured is NaN or -1, never
 * zero, so a missing measurement cannot pass for a good one.
 *
 * @param label the client under test
 * @param renders renders started
 * @param completed renders that ended with a clip
 * @param failed renders that ended otherwise
 * @param wallSeconds real seconds from the first start to the last end (or to the plateau)
 * @param timeScale simulated seconds per real second
 * @param threads thread counts
 * @param heap retained heap at the plateau, when measured
 * @param requests requests per render by route, as the simulator counted them
 * @param delay completion-detection delays, simulated seconds
 * @param failures the first few failures
 */
public record RunFigures(
        String label,
        int renders,
        int completed,
        int failed,
        double wallSeconds,
        double timeScale,
        Threads threads,
        Heap heap,
        Requests requests,
        Delay delay,
        List<String> failures) {

    /**
     * Live threads.
     *
     * @param clientBefore threads of the client side before the run (JVM threads included)
     * @param clientPeak the highest count of client-side threads during the run
     * @param growth {@code clientPeak - clientBefore}: the threads the client under test added
     * @param simulatorPeak the simulator's own threads at their peak (not part of growth)
     * @param clientAtPeak the client-side threads by name when they were most numerous
     */
    public record Threads(
            int clientBefore, int clientPeak, int growth, int simulatorPeak, Map<String, Integer> clientAtPeak) {}

    /**
     * Retained heap with every render waiting.
     *
     * @param measured whether a plateau was measured
     * @param clean whether no render had moved past waiting while it was measured
     * @param perRenderBytes {@code perRenderRawBytes} less the simulator's server buffers of the
     *     connections the client held open: what the client alone retains per waiting render
     * @param perRenderRawBytes (heap at the plateau − heap after the client was cancelled, closed
     *     and dropped) / renders
     * @param serverConnections the simulator's server connections that closed with the client
     * @param serverBytesPerConnection what each cost the simulator (calibrated), NaN if unknown
     * @param simulatorPerJobBytes (heap after − heap before) / renders: the simulator's jobs
     * @param threadStacksPerRenderBytes growth of the native memory committed for thread stacks
     *     up to the plateau, per render (from Native Memory Tracking; NaN when it is off)
     */
    public record Heap(
            boolean measured,
            boolean clean,
            double perRenderBytes,
            double perRenderRawBytes,
            long serverConnections,
            double serverBytesPerConnection,
            double simulatorPerJobBytes,
            double threadStacksPerRenderBytes) {
        public static Heap notMeasured() {
            return new Heap(false, false, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /**
     * Requests the simulator received, per render.
     *
     * @param total every route together
     * @param status status polls only
     * @param byRoute each route with at least one request
     */
    public record Requests(double total, double status, Map<String, Double> byRoute) {}

    /**
     * How long after a job completed (the simulator's scheduled completion instant) its render
     * noticed, in simulated seconds.
     *
     * @param samples renders measured
     * @param p50 median, as the client noticed (engine: its WAITING → DOWNLOADING event; baseline:
     *     the poll reply that said completed)
     * @param p95 95th percentile, likewise
     * @param max maximum, likewise
     * @param hostP95 95th percentile as the host saw it (the first reply that said completed)
     * @param lagP50 median of client − host: the reply's trip back and scheduling, which a high
     *     time scale magnifies; the measurement error of the delays
     */
    public record Delay(int samples, double p50, double p95, double max, double hostP95, double lagP50) {}
}
