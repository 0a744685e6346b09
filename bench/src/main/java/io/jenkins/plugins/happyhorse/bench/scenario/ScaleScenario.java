package io.jenkins.plugins.happyhorse.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.bench.Context;
import io.jenkins.plugins.happyhorse.bench.Scenario;
import io.jenkins.plugins.happyhorse.bench.Target;
import io.jenkins.plugins.happyhorse.bench.fleet.BaselineFleet;
import io.jenkins.plugins.happyhorse.bench.fleet.EngineFleet;
import io.jenkins.plugins.happyhorse.bench.fleet.FleetDriver;
import io.jenkins.plugins.happyhorse.bench.fleet.RunFigures;
import io.jenkins.plugins.happyhorse.bench.measure.ServerConnectionCost;
import io.jenkins.plugins.happyhorse.bench.measure.ThreadCensus;
import io.jenkins.plugins.happyhorse.bench.report.Report;
import io.jenkins.plugins.happyhorse.bench.workload.RenderSpec;
import io.jenkins.plugins.happyhorse.bench.workload.Workload;
import io.jenkins.plugins.happyhorse.client.engine.PollingPolicy;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many renders at once. Each client runs twice on a fresh simulator: once up to the plateau
 * (every render submitted and waiting), where threads and retained heap are measured before
 * the client is cancelled and dropped, and once to the end, for requests, detection delays and
 * the thread peak of the whole run. The engine runs first, then (when an interval is set) the
 * thread-per-render baseline on the same workload.
 */
public final class ScaleScenario implements Scenario {
    /** At most this many threads may be added by the engine, however many renders wait. */
    public static final int MAX_THREAD_GROWTH = 32;
    /** At most this much heap may be retained per waiting render. */
    public static final double MAX_HEAP_PER_RENDER_KIB = 16;

    private static final int CALIBRATION_CONNECTIONS = 200;

    private final String name;
    private final boolean huge;

    private ScaleScenario(String name, boolean huge) {
        this.name = name;
        this.huge = huge;
    }

    /** 1,000 WaveSpeed renders: the engine against the 2 s thread-per-render baseline. */
    public static ScaleScenario thousand() {
        return new ScaleScenario("scale1000", false);
    }

    /**
     * 10,000 renders on the three hosts: the engine alone (a baseline would need 10,000 threads).
     * A third of them go to Model Studio, whose task queries (20 per second per account) the engine
     * shares among all its renders.
     */
    public static ScaleScenario tenThousand() {
        return new ScaleScenario("scale10000", true);
    }

    @Override
    public String name() {
        return name;
    }

    /** Native Memory Tracking, for the thread stacks a waiting render costs. */
    @Override
    public List<String> jvmOptions() {
        return List.of("-XX:NativeMemoryTracking=summary");
    }

    @Override
    public String title() {
        return huge
                ? "10,000 concurrent renders on the three hosts complete (engine alone)"
                : "1,000 concurrent renders: engine against a thread-per-render baseline polling every 2 s";
    }

    @Override
    public ObjectNode run(Context context) throws Exception {
        int renders =
                huge ? context.settings().hugeRenders() : context.settings().scaleRenders();
        double scale =
                huge ? context.settings().hugeScale() : context.settings().scaleScale();
        Duration interval =
                huge ? null : Duration.ofMillis(Math.round(context.settings().baselineIntervalSeconds() * 1000));
        List<ProviderId> providers = huge ? List.of(ProviderId.values()) : List.of(ProviderId.WAVESPEED);
        List<RenderSpec> specs = Workload.mixed(renders, Context.SEED, providers);
        double[] together = new double[renders];
        Duration timeout = Duration.ofMinutes(30);
        Path image = context.smallImage();
        Path modelStudioImage = context.modelStudioImage();
        Path out = context.newDirectory(name + "-out-");
        Map<String, Long> throttled = new LinkedHashMap<>();

        // Taken first: the calibration's sockets and simulator leave no thread behind.
        ThreadCensus.Count engineBefore = context.jvmStart();
        double serverCost;
        try (Simulator sim = context.simulator(scale, b -> b)) {
            serverCost = ServerConnectionCost.perConnection(sim, CALIBRATION_CONNECTIONS);
        }
        context.log("  the simulator's server holds " + Report.kib(serverCost) + " KiB per open connection");
        List<RunFigures> runs = new ArrayList<>();
        RunFigures enginePlateau = run(
                context,
                "engine (plateau)",
                scale,
                true,
                specs,
                together,
                timeout,
                serverCost,
                engineBefore,
                throttled,
                (sim, probe) -> new EngineFleet(
                        "engine (plateau)", sim, scale, PollingPolicy.defaults(), image, modelStudioImage, out, probe));
        runs.add(enginePlateau);
        RunFigures engineFull = run(
                context,
                "engine",
                scale,
                false,
                specs,
                together,
                timeout,
                serverCost,
                engineBefore,
                throttled,
                (sim, probe) -> new EngineFleet(
                        "engine", sim, scale, PollingPolicy.defaults(), image, modelStudioImage, out, probe));
        runs.add(engineFull);

        RunFigures baselinePlateau = null;
        RunFigures baselineFull = null;
        if (interval != null) {
            // Counted from now: the engine's idle scheduler threads are no part of the baseline.
            ThreadCensus.Count baselineBefore = ThreadCensus.take();
            baselinePlateau = run(
                    context,
                    "baseline (plateau)",
                    scale,
                    true,
                    specs,
                    together,
                    timeout,
                    serverCost,
                    baselineBefore,
                    throttled,
                    (sim, probe) -> new BaselineFleet(" (plateau)", sim, scale, interval, image, out, probe));
            runs.add(baselinePlateau);
            baselineBefore = ThreadCensus.take();
            baselineFull = run(
                    context,
                    "baseline",
                    scale,
                    false,
                    specs,
                    together,
                    timeout,
                    serverCost,
                    baselineBefore,
                    throttled,
                    (sim, probe) -> new BaselineFleet(sim, scale, interval, image, out, probe));
            runs.add(baselineFull);
        }

        ObjectNode result = context.json().createObjectNode();
        result.put("title", title());
        ObjectNode settings = result.putObject("settings");
        settings.put("renders", renders);
        settings.put("timeScale", scale);
        settings.put("providers", providers.toString());
        settings.put("serverBytesPerConnection", serverCost);
        settings.put("workload", "mixed: 3-15 s, 30 % 1080p, all aspect ratios; processing 60-300 simulated s ±25 %");
        if (interval != null) {
            settings.put("baselineIntervalSeconds", interval.toMillis() / 1000.0);
        }
        ArrayNode runNodes = result.putArray("runs");
        runs.forEach(r -> runNodes.add(context.json().valueToTree(r)));

        int engineThreads =
                Math.max(enginePlateau.threads().growth(), engineFull.threads().growth());
        ObjectNode summary = result.putObject("summary");
        summary.put("engineThreadGrowth", engineThreads);
        summary.put("engineHeapPerWaitingRenderBytes", enginePlateau.heap().perRenderBytes());
        summary.put("engineHeapPlateauClean", enginePlateau.heap().clean());
        if (providers.contains(ProviderId.MODELSTUDIO)) {
            // The host's own refusals for its 20 task queries per second (scripted faults aside).
            summary.put("modelStudioQueriesRefusedForTheRate", throttled.getOrDefault("engine", -1L));
        }
        if (baselineFull != null) {
            int baselineThreads = Math.max(
                    baselinePlateau.threads().growth(), baselineFull.threads().growth());
            summary.put("baselineThreadGrowth", baselineThreads);
            summary.put(
                    "baselineHeapPerWaitingRenderBytes", baselinePlateau.heap().perRenderBytes());
            ObjectNode ratios = summary.putObject("engineOverBaseline");
            ratios.put("threadGrowth", ratio(engineThreads, baselineThreads));
            ratios.put(
                    "heapPerWaitingRender",
                    ratio(
                            enginePlateau.heap().perRenderBytes(),
                            baselinePlateau.heap().perRenderBytes()));
            ratios.put(
                    "threadStacksPerWaitingRender",
                    ratio(
                            enginePlateau.heap().threadStacksPerRenderBytes(),
                            baselinePlateau.heap().threadStacksPerRenderBytes()));
            ratios.put(
                    "requestsPerRender",
                    ratio(engineFull.requests().total(), baselineFull.requests().total()));
            ratios.put(
                    "statusRequestsPerRender",
                    ratio(
                            engineFull.requests().status(),
                            baselineFull.requests().status()));
            ratios.put(
                    "detectionDelayP95",
                    ratio(engineFull.delay().p95(), baselineFull.delay().p95()));
        }

        List<Target> targets = new ArrayList<>();
        String count = String.format(java.util.Locale.ROOT, "%,d", renders);
        if (!huge) {
            targets.add(Target.atMost(
                    name,
                    "thread growth, " + count + " concurrent renders",
                    engineThreads,
                    MAX_THREAD_GROWTH,
                    "threads",
                    "peak client-side live threads minus those before any engine existed; simulator and harness"
                            + " threads counted apart"
                            + (baselineFull == null
                                    ? ""
                                    : "; the baseline added "
                                            + Math.max(
                                                    baselinePlateau.threads().growth(),
                                                    baselineFull.threads().growth()))));
            targets.add(Target.atMost(
                    name,
                    "retained heap per waiting render",
                    enginePlateau.heap().perRenderBytes() / 1024,
                    MAX_HEAP_PER_RENDER_KIB,
                    "KiB",
                    heapNote(enginePlateau.heap())));
        } else {
            targets.add(Target.atLeast(
                    name,
                    count + " concurrent renders complete",
                    engineFull.completed(),
                    renders,
                    "renders",
                    engineFull.failed() + " failed; thread growth " + engineThreads + ", heap per waiting" + " render "
                            + Report.kib(enginePlateau.heap().perRenderBytes()) + " KiB"));
            targets.add(Target.atMost(
                    name,
                    "thread growth, " + count + " concurrent renders",
                    engineThreads,
                    MAX_THREAD_GROWTH,
                    "threads",
                    "as in scale1000"));
            targets.add(Target.atMost(
                    name,
                    "retained heap per waiting render, " + count + " renders",
                    enginePlateau.heap().perRenderBytes() / 1024,
                    MAX_HEAP_PER_RENDER_KIB,
                    "KiB",
                    heapNote(enginePlateau.heap())));
        }
        result.set("targets", context.json().valueToTree(targets));
        return result;
    }

    private interface FleetMaker {
        io.jenkins.plugins.happyhorse.bench.fleet.Fleet make(
                Simulator sim, io.jenkins.plugins.happyhorse.bench.fleet.RenderProbe probe);
    }

    private static RunFigures run(
            Context context,
            String label,
            double scale,
            boolean plateau,
            List<RenderSpec> specs,
            double[] offsets,
            Duration timeout,
            double serverBytesPerConnection,
            ThreadCensus.Count before,
            Map<String, Long> throttled,
            FleetMaker maker)
            throws Exception {
        context.log("  " + label + ": " + specs.size() + " renders, time scale " + scale
                + (plateau ? ", up to the plateau" : ", to the end"));
        try (Simulator sim = context.simulator(scale, b -> b)) {
            RunFigures figures = FleetDriver.drive(
                    probe -> maker.make(sim, probe),
                    sim,
                    new FleetDriver.Plan(specs, offsets, scale, plateau, timeout, serverBytesPerConnection),
                    before);
            context.log("    " + Report.oneLine(figures));
            throttled.put(label, sim.stats().throttledRequests());
            return figures;
        }
    }

    private static String heapNote(RunFigures.Heap heap) {
        return "(heap at the plateau − heap after the engine was cancelled, closed and dropped, after forced GC)"
                + " / renders = " + Report.kib(heap.perRenderRawBytes()) + " KiB, less the simulator's server"
                + " buffers of the " + heap.serverConnections() + " connections that closed with the engine ("
                + Report.kib(heap.serverBytesPerConnection()) + " KiB each, calibrated)"
                + (heap.clean() ? "" : "; PLATEAU NOT CLEAN");
    }

    static double ratio(double a, double b) {
        return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a / b;
    }
}
