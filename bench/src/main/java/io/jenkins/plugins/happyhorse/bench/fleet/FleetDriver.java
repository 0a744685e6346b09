package io.jenkins.plugins.happyhorse.bench.fleet;

import io.jenkins.plugins.happyhorse.bench.measure.ClassHistogram;
import io.jenkins.plugins.happyhorse.bench.measure.HeapProbe;
import io.jenkins.plugins.happyhorse.bench.measure.NativeMemory;
import io.jenkins.plugins.happyhorse.bench.measure.Percentiles;
import io.jenkins.plugins.happyhorse.bench.measure.ServerConnectionCost;
import io.jenkins.plugins.happyhorse.bench.measure.ThreadCensus;
import io.jenkins.plugins.happyhorse.bench.measure.ThreadSampler;
import io.jenkins.plugins.happyhorse.bench.workload.RenderSpec;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs one fleet through one plan and measures it: starts the renders (all at once or spread
 * over a window), samples threads all along, and either waits for every render to end, or
 * stops at the plateau (every render submitted and waiting), measures the retained heap there,
 * then cancels and drops the whole client and measures again: the difference is what the client
 * retained, with the simulator's own state (its jobs stay) left out.
 */
public final class FleetDriver {
    private static final long SAMPLE_PERIOD_MS = 20;

    private FleetDriver() {}

    /**
     * What to run.
     *
     * @param specs one per render
     * @param startOffsets when each render starts, simulated seconds after the first
     * @param scale simulated seconds per real second
     * @param plateau measure at the plateau, then cancel (true), or run to the end (false)
     * @param timeout real time allowed for the whole run
     * @param serverBytesPerConnection what one open connection costs the simulator's server, to
     *     subtract from the client's figure (NaN: nothing is subtracted)
     */
    public record Plan(
            List<RenderSpec> specs,
            double[] startOffsets,
            double scale,
            boolean plateau,
            Duration timeout,
            double serverBytesPerConnection) {}

    /**
     * Runs {@code plan} with the fleet {@code factory} makes and measures it.
     *
     * @param before the client-side thread census to count growth from
     */
    public static RunFigures drive(
            Function<RenderProbe, Fleet> factory, Simulator sim, Plan plan, ThreadCensus.Count before)
            throws InterruptedException {
        int n = plan.specs().size();
        RenderProbe probe = new RenderProbe(sim, n);
        try (ThreadSampler sampler = ThreadSampler.start(SAMPLE_PERIOD_MS)) {
            Fleet fleet = factory.apply(probe);
            long heapBefore = plan.plateau() ? HeapProbe.usedAfterGc() : -1;
            long connectionsBefore =
                    plan.plateau() ? ClassHistogram.instances(ServerConnectionCost.SERVER_CONNECTION_CLASS) : -1;
            long stacksBefore = NativeMemory.threadStacksCommitted();
            Map<Route, Long> requestsBefore = sim.stats().requestsByRoute();
            ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread t = new Thread(runnable, "bench-starter");
                t.setDaemon(true);
                return t;
            });
            long t0 = System.nanoTime();
            long wallEnd;
            RunFigures.Heap heap = RunFigures.Heap.notMeasured();
            try {
                for (int i = 0; i < n; i++) {
                    int index = i;
                    RenderSpec spec = plan.specs().get(i);
                    long delayNanos = Math.round(plan.startOffsets()[i] * 1e9 / plan.scale());
                    starter.schedule(() -> fleet.start(index, spec), delayNanos, TimeUnit.NANOSECONDS);
                }
                long timeoutNanos = plan.timeout().toNanos();
                if (plan.plateau()) {
                    boolean all = probe.awaitAllSubmitted(timeoutNanos, TimeUnit.NANOSECONDS);
                    wallEnd = System.nanoTime();
                    sampler.peaks();
                    fleet.beforeHeapMeasurement();
                    long heapPlateau = HeapProbe.usedAfterGc();
                    long stacksPlateau = NativeMemory.threadStacksCommitted();
                    long connectionsPlateau = ClassHistogram.instances(ServerConnectionCost.SERVER_CONNECTION_CLASS);
                    boolean clean = all && probe.noticedCount() == 0 && probe.endedCount() == 0;
                    fleet.cancelAll();
                    fleet.close();
                    fleet.release();
                    settle(connectionsBefore);
                    long heapAfter = HeapProbe.usedAfterGc();
                    long connectionsClosed =
                            connectionsPlateau - ClassHistogram.instances(ServerConnectionCost.SERVER_CONNECTION_CLASS);
                    double raw = (heapPlateau - heapAfter) / (double) n;
                    double server = Double.isNaN(plan.serverBytesPerConnection())
                            ? 0
                            : connectionsClosed * plan.serverBytesPerConnection() / n;
                    heap = new RunFigures.Heap(
                            true,
                            clean,
                            raw - server,
                            raw,
                            connectionsClosed,
                            plan.serverBytesPerConnection(),
                            (heapAfter - heapBefore) / (double) n,
                            stacksBefore < 0 || stacksPlateau < 0
                                    ? Double.NaN
                                    : (stacksPlateau - stacksBefore) / (double) n);
                } else {
                    probe.awaitAllEnded(timeoutNanos, TimeUnit.NANOSECONDS);
                    wallEnd = System.nanoTime();
                    fleet.close();
                }
            } finally {
                starter.shutdownNow();
                fleet.cancelAll();
                fleet.close();
            }
            ThreadCensus.Count peaks = sampler.peaks();
            RunFigures.Threads threads = new RunFigures.Threads(
                    before.client(),
                    peaks.client(),
                    peaks.client() - before.client(),
                    peaks.simulator(),
                    sampler.clientGroupsAtPeak());
            int failed = probe.failedCount();
            int completed = probe.endedCount() - failed;
            return new RunFigures(
                    fleet.label(),
                    n,
                    completed,
                    failed,
                    (wallEnd - t0) / 1e9,
                    plan.scale(),
                    threads,
                    heap,
                    requests(requestsBefore, sim.stats().requestsByRoute(), n),
                    delays(probe, sim),
                    probe.failures());
        }
    }

    /**
     * Waits (at most 20 s) until the simulator's server has closed every connection the client
     * opened: the engine closes its pool at once, the JDK's keep-alive cache of the baseline only
     * after its idle time of a few seconds.
     */
    private static void settle(long connectionsBefore) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            if (ClassHistogram.instances(ServerConnectionCost.SERVER_CONNECTION_CLASS) <= connectionsBefore) {
                return;
            }
        }
    }

    static RunFigures.Requests requests(Map<Route, Long> before, Map<Route, Long> after, int renders) {
        Map<String, Double> byRoute = new LinkedHashMap<>();
        double total = 0;
        double status = 0;
        for (Map.Entry<Route, Long> e : after.entrySet()) {
            long count = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (count <= 0) {
                continue;
            }
            double perRender = count / (double) renders;
            byRoute.put(e.getKey().name(), perRender);
            total += perRender;
            if (isStatusRoute(e.getKey())) {
                status += perRender;
            }
        }
        return new RunFigures.Requests(total, status, byRoute);
    }

    static boolean isStatusRoute(Route route) {
        return route == Route.WS_RESULT
                || route == Route.WS_PREDICTION
                || route == Route.AC_PREDICTION
                || route == Route.MS_TASK;
    }

    private static RunFigures.Delay delays(RenderProbe probe, Simulator sim) {
        List<Double> client = new ArrayList<>();
        List<Double> host = new ArrayList<>();
        List<Double> lag = new ArrayList<>();
        for (int i = 0; i < probe.size(); i++) {
            String id = probe.predictionId(i);
            Instant noticed = probe.noticedAt(i);
            if (id == null || noticed == null) {
                continue;
            }
            Optional<SimulatedJob> job = sim.job(id);
            if (job.isEmpty()) {
                continue;
            }
            Instant completes = job.get().completesAtSimulated();
            client.add(seconds(completes, noticed));
            Optional<Instant> seen = job.get().finalStatusSeenAtSimulated();
            if (seen.isPresent()) {
                host.add(seconds(completes, seen.get()));
                lag.add(seconds(seen.get(), noticed));
            }
        }
        Percentiles c = Percentiles.of(toArray(client));
        Percentiles h = Percentiles.of(toArray(host));
        Percentiles l = Percentiles.of(toArray(lag));
        return new RunFigures.Delay(c.count(), c.p50(), c.p95(), c.max(), h.p95(), l.p50());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
