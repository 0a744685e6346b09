package io.jenkins.plugins.happyhorse.reliability.support;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.media.VerificationPolicy;
import io.jenkins.plugins.happyhorse.client.receiver.WebhookServer;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.webhook.LoopbackCertificate;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One simulator of the three hosts and one engine pointed at it, both on one {@link SteppedScheduler}:
 * time stands still while they work and steps from timer to timer, each short timer waiting
 * {@link #PACE} times less than its delay in real time. However slow the machine, the host and
 * the engine see the same instants, so a window of simulated seconds is the same window for both
 * sides. Plus the listener and checkpoint sink of a render. Every
 * test of this module renders through a rig, so every test can check the same after-effects:
 * the key never reached the media origin, nothing but the clip is in the output folder, and no
 * thread or connection outlives {@link #close()}.
 */
public final class Rig implements AutoCloseable {
    /** Engine (and simulated) seconds of a short timer's delay per real second of waiting for it. */
    public static final double PACE = 5000;

    /** The key the simulator accepts; a test value that must never show up anywhere. */
    public static final String KEY = "sk-rel-7Q2mX9vB4nT8wK3p";

    /**
     * A key of the same account in another Model Studio region: the simulated host refuses it as
     * the real one does, exactly like a wrong key.
     */
    public static final String OTHER_REGION_KEY = "sk-rel-beijing-4Hq8Zt1c";

    /** Where every rig's clock starts. */
    public static final Instant START = Instant.parse("2026-11-22T01:48:00Z");

    /** The response timeout, real time, unless a rig is told otherwise. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

    private final Simulator sim;
    private final SteppedScheduler scheduler;
    private final RenderEngine engine;
    private final Path dir;
    private final List<RenderEvent> events = new CopyOnWriteArrayList<>();
    private final List<RenderCheckpoint> checkpoints = new CopyOnWriteArrayList<>();
    private final Map<String, Object> notes = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeLater = new CopyOnWriteArrayList<>();
    private final List<WebhookVerdict> verdicts = new CopyOnWriteArrayList<>();
    private final WebhookServer receiver;
    private final Settings settings;
    private boolean closed;

    private Rig(Path dir, Settings settings) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.scheduler = new SteppedScheduler(START, PACE);
        // A receiver of the hosts' callbacks needs TLS (Atlas Cloud calls https only): a certificate
        // made for this rig, which the simulator trusts.
        LoopbackCertificate tls = settings.webhooks ? LoopbackCertificate.generate() : null;
        // The simulator's time source is the engine's clock: its timestamps and ours are one.
        Simulator.Builder simulator = settings.simulator.apply(Simulator.builder()
                .apiKey(KEY)
                .clock(scheduler.clock())
                // Its callbacks are sent on the same clock.
                .webhookTimer(new SteppedCallbacks(scheduler))
                .seed(settings.seed)
                .pictureScale(8)
                .modelStudioOtherRegionKey(OTHER_REGION_KEY)
                .maxHold(Duration.ofSeconds(5)));
        if (tls != null) {
            simulator.trustWebhookCertificate(tls.certificate());
        }
        this.sim = simulator.start();
        RenderEngine built;
        try {
            built = engineBuilder(settings).build();
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        this.engine = built;
        try {
            this.receiver = tls == null
                    ? null
                    : WebhookServer.builder(built.webhooks())
                            .tls(tls.serverContext())
                            .log(verdicts::add)
                            .start();
        } catch (IOException | RuntimeException e) {
            built.close();
            sim.close();
            throw e;
        }
        this.settings = settings;
    }

    private RenderEngine.Builder engineBuilder(Settings settings) {
        return settings.engine.apply(RenderEngine.builder()
                .endpoint(ProviderId.WAVESPEED, sim.waveSpeedBaseUrl())
                .endpoint(ProviderId.ATLASCLOUD, sim.atlasCloudBaseUrl())
                .endpoint(ProviderId.MODELSTUDIO, sim.modelStudioBaseUrl())
                .scheduler(scheduler)
                .responseTimeout(RESPONSE_TIMEOUT)
                .retryPolicy(
                        RetryPolicy.builder().random(new Random(settings.seed)).build()));
    }

    /**
     * A second engine on the same simulator and clock, as another process with the same key would
     * have; closed with the rig.
     */
    public RenderEngine otherEngine() {
        return closeLater(engineBuilder(settings).build());
    }

    /** A rig with default settings, working in {@code dir}. */
    public static Rig start(Path dir) throws IOException {
        return start(dir, new Settings());
    }

    public static Rig start(Path dir, Settings settings) throws IOException {
        return new Rig(dir, settings);
    }

    public Simulator sim() {
        return sim;
    }

    public RenderEngine engine() {
        return engine;
    }

    public SteppedScheduler scheduler() {
        return scheduler;
    }

    /** Progress events heard so far. */
    public List<RenderEvent> events() {
        return events;
    }

    /** Checkpoints received so far. */
    public List<RenderCheckpoint> checkpoints() {
        return checkpoints;
    }

    /** The URL of the rig's HTTPS receiver of the hosts' callbacks ({@link Settings#webhooks()}). */
    public URI webhookUrl() {
        if (receiver == null) {
            throw new IllegalStateException("this rig has no webhook receiver; start it with Settings.webhooks()");
        }
        return receiver.url();
    }

    /** The receiver's verdicts so far, as its log heard them. */
    public List<WebhookVerdict> verdicts() {
        return verdicts;
    }

    /** Facts a test notes down while a render runs (e.g. what a probe saw), for checks afterwards. */
    public Map<String, Object> notes() {
        return notes;
    }

    /** The folder the clip goes to (created by the engine). */
    public Path outputDir() {
        return dir.resolve("out");
    }

    /** The clip's path. */
    public Path output() {
        return outputDir().resolve("clip.mp4");
    }

    /** Options for a real render with the key, the listener and the checkpoint sink. */
    public RenderOptions.Builder options() {
        return RenderOptions.builder()
                .apiKey(ApiKey.of(KEY))
                .output(output())
                // A safety bound: a render here takes minutes of engine time, and a deadline this far
                // out is reached only by a render's own timers passing it, never by real time.
                .deadline(Duration.ofDays(1))
                .listener(events::add)
                .checkpointSink(checkpoints::add)
                // The simulator serves pictures shrunk by 8 to keep the tests quick.
                .verificationPolicy(VerificationPolicy.aspectRatioOnly());
    }

    /**
     * A 3 s request on {@code provider} with one local PNG (640x480, fit for every host), so the
     * upload is exercised too.
     */
    public RenderRequest.Builder request(ProviderId provider) {
        Path picture = dir.resolve("horse.png");
        if (!Files.exists(picture)) {
            Images.reference(picture, Color.ORANGE);
        }
        return RenderRequest.builder()
                .provider(provider)
                .image(picture)
                .prompt("A horse gallops along a beach at sunset")
                .duration(3)
                .seed(7L);
    }

    /** The ports of the simulator's origins: the API, the media and Model Studio's storage. */
    public Set<Integer> ports() {
        return Set.of(
                sim.waveSpeedBaseUrl().getPort(),
                sim.mediaBaseUrl().getPort(),
                sim.storageBaseUrl().getPort());
    }

    /** Files left in the output folder, by name. */
    public List<String> outputFolderContents() {
        if (!Files.isDirectory(outputDir())) {
            return List.of();
        }
        try (var files = Files.list(outputDir())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes {@code resource} (e.g. a helper server) with the rig, before the engine. */
    public <T extends AutoCloseable> T closeLater(T resource) {
        closeLater.add(resource);
        return resource;
    }

    /** Closes what {@link #closeLater} was given, the engine, then the simulator. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (AutoCloseable c : closeLater) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not close " + c, e);
                }
            }
        } finally {
            try {
                if (receiver != null) {
                    receiver.close();
                }
                engine.close();
            } finally {
                sim.close();
            }
        }
    }

    /** How to build a rig. */
    public static final class Settings {
        private UnaryOperator<Simulator.Builder> simulator = b -> b;
        private UnaryOperator<RenderEngine.Builder> engine = b -> b;
        private long seed = 42;
        private boolean webhooks;

        public Settings simulator(UnaryOperator<Simulator.Builder> change) {
            UnaryOperator<Simulator.Builder> before = simulator;
            simulator = b -> change.apply(before.apply(b));
            return this;
        }

        public Settings engine(UnaryOperator<RenderEngine.Builder> change) {
            UnaryOperator<RenderEngine.Builder> before = engine;
            engine = b -> change.apply(before.apply(b));
            return this;
        }

        /** Runs an HTTPS receiver of the hosts' callbacks on the rig's engine, at {@link Rig#webhookUrl()}. */
        public Settings webhooks() {
            this.webhooks = true;
            return this;
        }

        /** Seeds the simulator (processing times, per-job quirks, random faults) and the retry jitter. */
        public Settings seed(long seed) {
            this.seed = seed;
            return this;
        }
    }
}
