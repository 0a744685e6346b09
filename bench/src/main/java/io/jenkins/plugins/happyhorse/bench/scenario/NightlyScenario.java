package io.jenkins.plugins.happyhorse.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.bench.Context;
import io.jenkins.plugins.happyhorse.bench.Scenario;
import io.jenkins.plugins.happyhorse.bench.Target;
import io.jenkins.plugins.happyhorse.bench.workload.PngWriter;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.reuse.FileRenderStore;
import io.jenkins.plugins.happyhorse.client.reuse.ReusePolicy;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseSettings;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spend.FileSpendLedger;
import io.jenkins.plugins.happyhorse.client.spend.SpendLabels;
import io.jenkins.plugins.happyhorse.client.time.TimeScaledScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A nightly job's set of clips (10 products × 2 formats, 5 s at 720p, each with a seed) rendered
 * three nights in a row through one engine, one render store and one spend ledger: the first night
 * pays for every clip, the second (nothing changed) should pay for none and take seconds, the third
 * (one product's image changed) should pay for that product's two clips only. Full-size 720p
 * clips, so that copying and verifying a reused clip costs what it would.
 */
public final class NightlyScenario implements Scenario {
    /** Products, each rendered in every format. */
    static final int PRODUCTS = 10;
    /** The formats of every product. */
    static final List<String> FORMATS = List.of("16:9", "9:16");
    /** Simulated seconds per real second while a render waits. */
    static final double SCALE = 50;
    /** A reused clip must be in place within this many real seconds of its start. */
    public static final double MAX_SECONDS_PER_REUSED_CLIP = 2.0;

    @Override
    public String name() {
        return "nightly";
    }

    @Override
    public String title() {
        return "A nightly set of 20 clips: first night against an unchanged second night, then one changed image";
    }

    @Override
    public ObjectNode run(Context context) throws Exception {
        Path root = context.newDirectory("nightly-");
        List<Path> images = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            Path image = root.resolve("product-" + p + ".png");
            PngWriter.write(image, 256, 256, Context.SEED + p);
            images.add(image);
        }
        TimeScaledScheduler scheduler = new TimeScaledScheduler(SCALE);
        ObjectNode result = context.json().createObjectNode();
        result.put("title", title());
        ObjectNode settings = result.putObject("settings");
        settings.put("clips", PRODUCTS * FORMATS.size());
        settings.put("set", PRODUCTS + " products × " + FORMATS + ", 5 s, 720p, WaveSpeed, a seed each, reuse auto");
        settings.put("timeScale", SCALE);
        settings.put("clipSize", "full-size 720p clips from the simulator");
        ObjectNode summary = result.putObject("summary");
        List<Target> targets = new ArrayList<>();
        try (Simulator sim = context.simulator(SCALE, b -> b.pictureScale(1));
                RenderEngine engine = RenderEngine.builder()
                        .endpoint(ProviderId.WAVESPEED, sim.waveSpeedBaseUrl())
                        .scheduler(scheduler)
                        .responseTimeout(Duration.ofSeconds(120))
                        .build()) {
            Night.Setup setup = new Night.Setup(
                    engine,
                    scheduler,
                    sim,
                    FileRenderStore.open(root.resolve("store")),
                    FileSpendLedger.open(root.resolve("spend")),
                    root,
                    images);
            Night first = Night.run(context, setup, 1);
            Night second = Night.run(context, setup, 2);
            // One product's picture changes: its two clips are new, the other 18 are not.
            PngWriter.write(images.get(0), 256, 256, Context.SEED + 1000);
            Night third = Night.run(context, setup, 3);
            summary.set("night1", first.toJson(context));
            summary.set("night2", second.toJson(context));
            summary.set("night3", third.toJson(context));
            summary.put("ledgerUsd", setup.ledger().report().total().toPlainString());
            summary.put("hostChargedUsd", sim.stats().totalCharges().toPlainString());

            targets.add(Target.atMost(
                    name(),
                    "second night, unchanged: USD paid",
                    second.usd().doubleValue(),
                    0,
                    "USD",
                    "host charges during the night; first night " + first.usd().toPlainString() + " USD"));
            targets.add(Target.atMost(
                    name(),
                    "second night, unchanged: submissions",
                    second.submissions(),
                    0,
                    "submissions",
                    "accepted by the host; first night " + first.submissions()));
            targets.add(Target.atMost(
                    name(),
                    "second night: real time per reused clip (the slowest)",
                    second.slowestSeconds(),
                    MAX_SECONDS_PER_REUSED_CLIP,
                    "s",
                    second.reused() + " clips reused, all started at once; the whole night took "
                            + String.format(java.util.Locale.ROOT, "%.2f", second.realSeconds()) + " s"));
            targets.add(Target.atMost(
                    name(),
                    "third night, one image changed: submissions",
                    third.submissions(),
                    FORMATS.size(),
                    "submissions",
                    "the changed product's " + FORMATS.size() + " clips; " + third.reused() + " reused"));
        }
        result.set("targets", context.json().valueToTree(targets));
        return result;
    }

    /**
     * One night: every clip started at once, waited for, and counted.
     *
     * @param night which night, from 1
     * @param submissions accepted submissions at the host during the night
     * @param usd what the host charged during the night
     * @param reused clips reused
     * @param simulatedSeconds the night's length on the engine clock
     * @param realSeconds the night's length in real time
     * @param slowestSeconds the longest real time one clip took from its start
     */
    record Night(
            int night,
            long submissions,
            BigDecimal usd,
            long reused,
            double simulatedSeconds,
            double realSeconds,
            double slowestSeconds,
            long largestClipBytes) {

        record Setup(
                RenderEngine engine,
                TimeScaledScheduler scheduler,
                Simulator sim,
                FileRenderStore store,
                FileSpendLedger ledger,
                Path root,
                List<Path> images) {}

        static Night run(Context context, Setup s, int night) throws Exception {
            long submissionsBefore = s.sim().stats().submissions();
            BigDecimal chargedBefore = s.sim().stats().totalCharges();
            Instant simulatedStart = s.scheduler().now();
            long realStart = System.nanoTime();
            AtomicLong slowest = new AtomicLong();
            List<RenderHandle> handles = new ArrayList<>();
            for (int p = 0; p < PRODUCTS; p++) {
                for (int f = 0; f < FORMATS.size(); f++) {
                    String format = FORMATS.get(f);
                    RenderRequest request = RenderRequest.builder()
                            .provider("wavespeed")
                            .image(s.images().get(p))
                            .prompt("Product " + p + " turns slowly on a white plinth, soft studio light")
                            .duration(5)
                            .resolution("720p")
                            .aspectRatio(format)
                            .seed(1000L + p)
                            .build();
                    RenderOptions options = RenderOptions.builder()
                            .apiKey(ApiKey.of(s.sim().apiKey()))
                            .output(s.root()
                                    .resolve("night-" + night)
                                    .resolve("product-" + p + "-" + format.replace(':', 'x') + ".mp4"))
                            .deadline(Duration.ofHours(2))
                            .reuse(ReuseSettings.of(s.store(), ReusePolicy.AUTO).producer("nightly #" + night))
                            .spend(s.ledger(), SpendLabels.of("nightly", Integer.toString(night)))
                            .build();
                    long start = System.nanoTime();
                    RenderHandle h = s.engine().start(request, options);
                    h.result().whenComplete((r, e) -> slowest.accumulateAndGet(System.nanoTime() - start, Math::max));
                    handles.add(h);
                }
            }
            long reused = 0;
            long largest = 0;
            for (RenderHandle h : handles) {
                RenderResult r = h.result().get(30, TimeUnit.MINUTES);
                reused += r.reused() ? 1 : 0;
                largest = Math.max(largest, r.byteSize());
            }
            Night n = new Night(
                    night,
                    s.sim().stats().submissions() - submissionsBefore,
                    s.sim().stats().totalCharges().subtract(chargedBefore),
                    reused,
                    Duration.between(simulatedStart, s.scheduler().now()).toMillis() / 1000.0,
                    (System.nanoTime() - realStart) / 1e9,
                    slowest.get() / 1e9,
                    largest);
            context.log("  night " + night + ": " + n.submissions() + " submissions, "
                    + n.usd().toPlainString()
                    + " USD, " + n.reused() + " reused, "
                    + String.format(java.util.Locale.ROOT, "%.1f", n.realSeconds())
                    + " s real");
            return n;
        }

        ObjectNode toJson(Context context) {
            ObjectNode o = context.json().createObjectNode();
            o.put("submissions", submissions);
            o.put("usd", usd.toPlainString());
            o.put("reused", reused);
            o.put("simulatedWallSeconds", simulatedSeconds);
            o.put("realWallSeconds", realSeconds);
            o.put("slowestClipRealSeconds", slowestSeconds);
            o.put("largestClipBytes", largestClipBytes);
            return o;
        }
    }
}
