package io.jenkins.plugins.happyhorse.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.bench.Context;
import io.jenkins.plugins.happyhorse.bench.Scenario;
import io.jenkins.plugins.happyhorse.bench.Target;
import io.jenkins.plugins.happyhorse.bench.fleet.BaselineFleet;
import io.jenkins.plugins.happyhorse.bench.fleet.EngineFleet;
import io.jenkins.plugins.happyhorse.bench.fleet.Fleet;
import io.jenkins.plugins.happyhorse.bench.fleet.FleetDriver;
import io.jenkins.plugins.happyhorse.bench.fleet.RenderProbe;
import io.jenkins.plugins.happyhorse.bench.fleet.RunFigures;
import io.jenkins.plugins.happyhorse.bench.measure.ThreadCensus;
import io.jenkins.plugins.happyhorse.bench.report.Report;
import io.jenkins.plugins.happyhorse.bench.workload.RenderSpec;
import io.jenkins.plugins.happyhorse.bench.workload.Workload;
import io.jenkins.plugins.happyhorse.client.engine.PollingPolicy;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.SimulatorStats;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import io.jenkins.plugins.happyhorse.simulator.webhook.LoopbackCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Polling efficiency: requests per render against the 95th percentile of the completion-detection
 * delay, for the engine's adaptive polling, for the engine completed by the hosts' callbacks
 * (webhooks delivered, and 10 % of them lost), and for the thread-per-render baseline loop at fixed
 * intervals of 1, 2, 3 and 5 s (each point a real run of that loop). The workload's processing
 * time grows with clip length and resolution and is spread ±25 %; renders start spread over a
 * short window, as builds do. The same workload then runs on Model Studio, whose 20 task queries
 * per second per account the engine shares among all its renders: its delay and requests are
 * reported apart, with the host's refusals for the rate (none is the target).
 */
public final class PollingScenario implements Scenario {
    /** The fixed intervals of the baseline curve, simulated seconds. */
    public static final List<Double> INTERVALS = List.of(1.0, 2.0, 3.0, 5.0);
    /** The engine must need at most this share of the 2 s baseline's requests per render. */
    public static final double MAX_REQUEST_SHARE = 0.6;
    /** With webhooks delivered: requests per render while waiting (status polls and key fetches). */
    public static final double MAX_WEBHOOK_WAITING_REQUESTS = 3;
    /** With webhooks delivered: the p95 detection delay, simulated seconds. */
    public static final double MAX_WEBHOOK_P95 = 0.5;
    /** The share of callbacks lost in the run that shows the safety net at work. */
    public static final double LOST_SHARE = 0.10;

    @Override
    public String name() {
        return "polling";
    }

    @Override
    public String title() {
        return "Polling efficiency: requests per render against p95 detection delay";
    }

    @Override
    public ObjectNode run(Context context) throws Exception {
        int renders = context.settings().pollingRenders();
        double scale = context.settings().pollingScale();
        double webhookScale = context.settings().webhookScale();
        List<RenderSpec> specs = Workload.mixed(renders, Context.SEED, List.of(ProviderId.WAVESPEED));
        double[] offsets = Workload.startOffsets(renders, context.settings().pollingWindowSeconds(), Context.SEED);
        Path image = context.smallImage();
        Path modelStudioImage = context.modelStudioImage();
        Path out = context.newDirectory("polling-out-");
        Duration timeout = Duration.ofMinutes(20);

        RunFigures engine = run(
                context,
                "engine",
                specs,
                offsets,
                scale,
                timeout,
                b -> b,
                (sim, probe) -> new EngineFleet("engine", sim, scale, PollingPolicy.defaults(), image, out, probe));
        // The engine's receiver serves https on loopback, with a certificate made for this run.
        LoopbackCertificate tls = LoopbackCertificate.generate();
        SimulatorStats.Webhooks[] delivered = new SimulatorStats.Webhooks[1];
        RunFigures webhooks = run(
                context,
                "engine + webhooks",
                specs,
                offsets,
                webhookScale,
                timeout,
                b -> b.trustWebhookCertificate(tls.certificate()),
                (sim, probe) -> new EngineFleet(
                        "engine + webhooks", sim, webhookScale, PollingPolicy.defaults(), image, out, probe, tls),
                sim -> delivered[0] = sim.stats().webhooks());
        SimulatorStats.Webhooks[] lossy = new SimulatorStats.Webhooks[1];
        RunFigures lost = run(
                context,
                "engine + webhooks, 10 % lost",
                specs,
                offsets,
                scale,
                timeout,
                b -> b.trustWebhookCertificate(tls.certificate()),
                (sim, probe) -> {
                    sim.faults().randomWebhooks(LOST_SHARE, WebhookFault.lost());
                    return new EngineFleet(
                            "engine + webhooks, 10 % lost",
                            sim, scale, PollingPolicy.defaults(), image, out, probe, tls);
                },
                sim -> lossy[0] = sim.stats().webhooks());
        List<RenderSpec> modelStudioSpecs = Workload.mixed(renders, Context.SEED, List.of(ProviderId.MODELSTUDIO));
        long[] refused = new long[1];
        RunFigures modelStudio = run(
                context,
                "engine, Model Studio",
                modelStudioSpecs,
                offsets,
                scale,
                timeout,
                b -> b,
                (sim, probe) -> new EngineFleet(
                        "engine, Model Studio",
                        sim,
                        scale,
                        PollingPolicy.defaults(),
                        image,
                        modelStudioImage,
                        out,
                        probe),
                sim -> {
                    refused[0] = sim.stats().throttledRequests();
                    context.log("    queries the host refused for its rate: " + refused[0]);
                });
        List<RunFigures> fixed = new ArrayList<>();
        for (double seconds : INTERVALS) {
            Duration interval = Duration.ofMillis(Math.round(seconds * 1000));
            fixed.add(run(
                    context,
                    "baseline " + Report.number(seconds) + " s",
                    specs,
                    offsets,
                    scale,
                    timeout,
                    b -> b,
                    (sim, probe) -> new BaselineFleet(sim, scale, interval, image, out, probe)));
        }

        ObjectNode result = context.json().createObjectNode();
        result.put("title", title());
        ObjectNode settings = result.putObject("settings");
        settings.put("rendersPerVariant", renders);
        settings.put("timeScale", scale);
        settings.put("webhookTimeScale", webhookScale);
        settings.put("startWindowSeconds", context.settings().pollingWindowSeconds());
        settings.put(
                "workload",
                "WaveSpeed (and the same on Model Studio, reported apart); mixed: 3-15 s, 30 % 1080p, all"
                        + " aspect ratios; processing 60 + 12 × length s, × 1.5 at 1080p, ±25 %, clamped to 60-300"
                        + " simulated s");
        settings.put("fixedIntervalPoints", "the thread-per-render baseline loop, run at each interval");
        settings.put("enginePolicy", PollingPolicy.defaults().toString());
        settings.put("webhookSafetyNet", PollingPolicy.webhookSafetyNet().toString());
        settings.put(
                "webhooks",
                "the engine's HTTPS receiver on loopback; the simulator calls back when each job ends (no added"
                        + " latency), signed as each host signs; the render confirms with one GET");
        ArrayNode runNodes = result.putArray("runs");
        runNodes.add(context.json().valueToTree(engine));
        runNodes.add(context.json().valueToTree(webhooks));
        runNodes.add(context.json().valueToTree(lost));
        fixed.forEach(r -> runNodes.add(context.json().valueToTree(r)));
        runNodes.add(context.json().valueToTree(modelStudio));

        ArrayNode curve = result.putArray("curve");
        curve.add(point(context, "engine", Double.NaN, engine));
        curve.add(point(context, "webhook", Double.NaN, webhooks));
        curve.add(point(context, "webhook-lost", Double.NaN, lost));
        for (int i = 0; i < INTERVALS.size(); i++) {
            curve.add(point(context, "fixed", INTERVALS.get(i), fixed.get(i)));
        }

        RunFigures twoSeconds = fixed.get(INTERVALS.indexOf(2.0));
        double share = engine.requests().total() / twoSeconds.requests().total();
        double[] p95s = fixed.stream().mapToDouble(r -> r.delay().p95()).toArray();
        double[] reqs = fixed.stream().mapToDouble(r -> r.requests().total()).toArray();
        double curveAtEngine = Curve.requestsAt(p95s, reqs, engine.delay().p95());
        ObjectNode summary = result.putObject("summary");
        summary.put("engineRequestsPerRender", engine.requests().total());
        summary.put("engineP95", engine.delay().p95());
        summary.put("baseline2sRequestsPerRender", twoSeconds.requests().total());
        summary.put("baseline2sP95", twoSeconds.delay().p95());
        summary.put("engineOverBaseline2sRequests", share);
        summary.put("fixedIntervalRequestsAtEngineP95", curveAtEngine);
        summary.put("engineOverCurveAtSameP95", engine.requests().total() / curveAtEngine);
        double waiting = waitingRequests(webhooks);
        double lostWaiting = waitingRequests(lost);
        summary.put("webhookRequestsPerRender", webhooks.requests().total());
        summary.put("webhookWaitingRequestsPerRender", waiting);
        summary.put("webhookP95", webhooks.delay().p95());
        summary.put("webhookCallbacks", context.json().valueToTree(delivered[0]));
        summary.put("lostWebhookCompleted", lost.completed());
        summary.put("lostWebhookWaitingRequestsPerRender", lostWaiting);
        summary.put("lostWebhookP95", lost.delay().p95());
        summary.put("lostWebhookCallbacks", context.json().valueToTree(lossy[0]));
        ObjectNode ms = summary.putObject("modelStudio");
        ms.put("requestsPerRender", modelStudio.requests().total());
        ms.put("statusRequestsPerRender", modelStudio.requests().status());
        ms.put("p95DelaySeconds", modelStudio.delay().p95());
        ms.put("completed", modelStudio.completed());
        ms.put("queriesRefusedForTheRate", refused[0]);

        List<Target> targets = new ArrayList<>();
        boolean noSlower = engine.delay().p95() <= twoSeconds.delay().p95();
        Target fewer = Target.atMost(
                name(),
                "requests per render vs the 2 s baseline, at no worse p95 delay",
                noSlower ? share * 100 : Double.NaN,
                MAX_REQUEST_SHARE * 100,
                "% of baseline",
                "engine " + Report.number(engine.requests().total()) + " vs "
                        + Report.number(twoSeconds.requests().total())
                        + " requests per render (all endpoints); p95 delay engine "
                        + Report.number(engine.delay().p95()) + " s vs "
                        + Report.number(twoSeconds.delay().p95()) + " s"
                        + (noSlower ? "" : " — ENGINE P95 IS WORSE, so the comparison fails"));
        targets.add(fewer);
        targets.add(Target.atMost(
                name(),
                "webhooks delivered: requests per render while waiting",
                webhooks.completed() == webhooks.renders() ? waiting : Double.NaN,
                MAX_WEBHOOK_WAITING_REQUESTS,
                "requests",
                "status polls " + Report.number(webhooks.requests().status()) + " + signing-key fetches "
                        + Report.number(waiting - webhooks.requests().status()) + " per render, against "
                        + Report.number(engine.requests().status()) + " status polls polling alone; "
                        + Report.number(webhooks.requests().total()) + " requests in all (against "
                        + Report.number(engine.requests().total()) + "); " + webhooks.completed() + "/"
                        + webhooks.renders() + " done"));
        targets.add(Target.atMost(
                name(),
                "webhooks delivered: p95 detection delay",
                webhooks.delay().p95(),
                MAX_WEBHOOK_P95,
                "s",
                "p50/p95/max " + Report.number(webhooks.delay().p50()) + "/"
                        + Report.number(webhooks.delay().p95())
                        + "/" + Report.number(webhooks.delay().max()) + " s simulated at time scale "
                        + Report.number(webhookScale) + "; polling alone p95 "
                        + Report.number(engine.delay().p95())
                        + " s"));
        targets.add(Target.atLeast(
                name(),
                "10 % of webhooks lost: renders completed",
                lost.completed(),
                lost.renders(),
                "renders",
                lossy[0].dropped() + " of " + lossy[0].planned() + " callbacks lost; p50/p95/max delay "
                        + Report.number(lost.delay().p50()) + "/"
                        + Report.number(lost.delay().p95()) + "/"
                        + Report.number(lost.delay().max()) + " s; " + Report.number(lostWaiting)
                        + " requests per render while waiting"));
        targets.add(Target.atMost(
                name(),
                "Model Studio task queries refused for its 20/s limit",
                refused[0],
                0,
                "replies",
                modelStudio.completed() + " of " + renders + " renders completed; p95 delay "
                        + Report.number(modelStudio.delay().p95()) + " s, "
                        + Report.number(modelStudio.requests().total()) + " requests per render"));
        result.set("targets", context.json().valueToTree(targets));
        return result;
    }

    private static ObjectNode point(Context context, String kind, double interval, RunFigures r) {
        ObjectNode p = context.json().createObjectNode();
        p.put("kind", kind);
        p.put("label", r.label());
        if (!Double.isNaN(interval)) {
            p.put("intervalSeconds", interval);
        }
        p.put("requestsPerRender", r.requests().total());
        p.put("statusRequestsPerRender", r.requests().status());
        p.put("p95DelaySeconds", r.delay().p95());
        return p;
    }

    /** Requests per render while waiting: status polls, and the fetches of the hosts' signing keys. */
    static double waitingRequests(RunFigures r) {
        double keys = r.requests().byRoute().getOrDefault(Route.WS_WEBHOOK_SECRET.name(), 0.0)
                + r.requests().byRoute().getOrDefault(Route.AC_JWKS.name(), 0.0);
        return r.requests().status() + keys;
    }

    private static RunFigures run(
            Context context,
            String label,
            List<RenderSpec> specs,
            double[] offsets,
            double scale,
            Duration timeout,
            UnaryOperator<Simulator.Builder> simulator,
            BiFunction<Simulator, RenderProbe, Fleet> maker)
            throws Exception {
        return run(context, label, specs, offsets, scale, timeout, simulator, maker, sim -> {});
    }

    private static RunFigures run(
            Context context,
            String label,
            List<RenderSpec> specs,
            double[] offsets,
            double scale,
            Duration timeout,
            UnaryOperator<Simulator.Builder> simulator,
            BiFunction<Simulator, RenderProbe, Fleet> maker,
            Consumer<Simulator> after)
            throws Exception {
        context.log("  " + label + ": " + specs.size() + " renders, time scale " + scale);
        ThreadCensus.Count before = ThreadCensus.take();
        try (Simulator sim = context.simulator(scale, simulator)) {
            RunFigures figures = FleetDriver.drive(
                    probe -> maker.apply(sim, probe),
                    sim,
                    new FleetDriver.Plan(specs, offsets, scale, false, timeout, Double.NaN),
                    before);
            context.log("    " + Report.oneLine(figures));
            after.accept(sim);
            return figures;
        }
    }
}
