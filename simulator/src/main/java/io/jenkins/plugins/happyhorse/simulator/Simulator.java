package io.jenkins.plugins.happyhorse.simulator;

import io.jenkins.plugins.happyhorse.simulator.atlas.AtlasCloudApi;
import io.jenkins.plugins.happyhorse.simulator.fault.FaultPlan;
import io.jenkins.plugins.happyhorse.simulator.http.HeldExchanges;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.modelstudio.ModelStudioApi;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsEndpoint;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsRecorder;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatedClock;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatorTimer;
import io.jenkins.plugins.happyhorse.simulator.wavespeed.WaveSpeedApi;
import io.jenkins.plugins.happyhorse.simulator.webhook.AtlasCloudSigner;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackRecord;
import io.jenkins.plugins.happyhorse.simulator.webhook.WaveSpeedSigner;
import io.jenkins.plugins.happyhorse.simulator.webhook.WebhookDeliverer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A local stand-in for the hosted HappyHorse APIs, WaveSpeed, Atlas Cloud and Alibaba Model
 * Studio, for the origin that serves their uploads and outputs, and for Model Studio's storage
 * origin, on 127.0.0.1. It checks the bearer key,
 * validates requests, charges an account, simulates processing on a scalable clock, serves
 * real MP4 clips made from the reference images, and plays scripted or random faults.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.builder().timeScale(1000).seed(42).start()) {
 *     URI waveSpeed = sim.waveSpeedBaseUrl();   // http://127.0.0.1:P
 *     URI atlas = sim.atlasCloudBaseUrl();      // http://127.0.0.1:P/api/v1
 *     URI modelStudio = sim.modelStudioBaseUrl(); // http://127.0.0.1:P/api/v1 as well
 *     sim.faults().next(Route.WS_RESULT, Fault.status(429).retryAfter(Duration.ofSeconds(2)));
 *     ...
 * }
 * }</pre>
 *
 * <p>Job states are computed from the clock when asked, so thousands of jobs cost no threads;
 * requests are served by a fixed pool of a few dozen threads. Thread-safe.
 */
public final class Simulator implements AutoCloseable {
    /** The key a simulator accepts unless told otherwise; it is a test value, not a secret. */
    public static final String DEFAULT_API_KEY = "hh-sim-test-key";

    static {
        // The JDK server writes the status line and the body in separate segments; with Nagle's
        // algorithm on, each small reply then waits ~40 ms for a delayed ACK. The setting is
        // read once per JVM, when the first server starts, so it must be set before that.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ExecutorService executor;
    private final ExecutorService callbackSenders;
    private final ScheduledExecutorService scheduler;
    private final HeldExchanges held;
    private final Path workDirectory;
    private final boolean ownsWorkDirectory;
    private final String apiKey;
    private final String modelStudioApiKey;
    private final FaultPlan faults;
    private final SimulatorStats stats;
    private final Origins origins;
    private final Backend backend;
    private final URI apiBase;
    private final URI mediaBase;
    private final URI storageBase;
    private final WaveSpeedSigner waveSpeedSigner;
    private final AtlasCloudSigner atlasSigner;
    private final WebhookDeliverer callbacks;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Simulator(Builder builder) throws IOException {
        this.apiKey = builder.apiKey;
        this.modelStudioApiKey = builder.modelStudioKey();
        this.faults = new FaultPlan(builder.seed);
        StatsRecorder recorder = new StatsRecorder();
        this.stats = new SimulatorStats(recorder);
        this.ownsWorkDirectory = builder.workDirectory == null;
        this.workDirectory = ownsWorkDirectory
                ? Files.createTempDirectory("happyhorse-simulator-")
                : Files.createDirectories(builder.workDirectory);
        this.executor = Executors.newFixedThreadPool(builder.threads, daemonThreads("happyhorse-sim-http"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("happyhorse-sim-timer"));
        this.callbackSenders = Executors.newFixedThreadPool(4, daemonThreads("happyhorse-sim-webhook"));
        this.held = new HeldExchanges(scheduler, builder.maxHold);
        try {
            this.waveSpeedSigner = new WaveSpeedSigner(builder.seed);
            this.atlasSigner = new AtlasCloudSigner();
            this.origins = Origins.start(
                    builder,
                    new Origins.Shared(
                            faults,
                            recorder,
                            workDirectory,
                            executor,
                            scheduler,
                            held,
                            this::jobs,
                            new Origins.Callbacks(
                                    waveSpeedSigner,
                                    atlasSigner,
                                    clock -> new WebhookDeliverer(
                                            clock,
                                            builder.webhookTimer != null ? builder.webhookTimer : realTimeTimer(clock),
                                            faults,
                                            recorder,
                                            callbackSenders,
                                            builder.trustedCertificates,
                                            builder.webhookLatency,
                                            builder.webhookTimeout,
                                            builder.seed,
                                            builder.webhookRealTimeStamps))));
        } catch (IOException | RuntimeException e) {
            // Nothing may stay running when construction fails.
            shutdownThreads();
            deleteOwnedWorkDirectory();
            throw e;
        }
        this.backend = origins.backend;
        this.apiBase = origins.apiBase;
        this.mediaBase = origins.mediaBase;
        this.storageBase = origins.storageBase;
        this.callbacks = origins.callbacks;
    }

    /** A builder with the defaults: fixed test key, real time, seed 1, ephemeral ports. */
    public static Builder builder() {
        return new Builder();
    }

    /** WaveSpeed's base URL, {@code http://127.0.0.1:P}; paths {@code /api/v3/...} are appended. */
    public URI waveSpeedBaseUrl() {
        return apiBase;
    }

    /** Atlas Cloud's base URL, {@code http://127.0.0.1:P/api/v1}; paths {@code /model/...} are appended. */
    public URI atlasCloudBaseUrl() {
        return URI.create(apiBase + "/api/v1");
    }

    /**
     * Model Studio's base URL, {@code http://127.0.0.1:P/api/v1} (the same port as the other
     * hosts); paths {@code /services/...}, {@code /tasks/...} and {@code /uploads} are appended.
     */
    public URI modelStudioBaseUrl() {
        return URI.create(apiBase + "/api/v1");
    }

    /**
     * Where the counters can be read as JSON from outside this JVM: {@code GET
     * http://127.0.0.1:P/_simulator/stats} on the API origin, a path neither host uses.
     */
    public URI statsUrl() {
        return URI.create(apiBase + StatsEndpoint.PATH);
    }

    /** The other origin, which serves uploads and output clips. */
    public URI mediaBaseUrl() {
        return mediaBase;
    }

    /** Model Studio's storage origin, the {@code upload_host} of its temporary-storage policies. */
    public URI storageBaseUrl() {
        return storageBase;
    }

    /** The bearer key this simulator accepts (Model Studio's too, unless it has its own). */
    public String apiKey() {
        return apiKey;
    }

    /** The bearer key Model Studio accepts: {@link #apiKey()} unless it was given its own. */
    public String modelStudioApiKey() {
        return modelStudioApiKey;
    }

    /** The fault plan: script faults and job outcomes here, at any time. */
    public FaultPlan faults() {
        return faults;
    }

    /** Live counters. */
    public SimulatorStats stats() {
        return stats;
    }

    /** A snapshot of every job on all hosts, oldest first. */
    public List<SimulatedJob> jobs() {
        Instant now = backend.clock().now();
        List<SimulatedJob> snapshot = new ArrayList<>();
        for (Job job : backend.jobs().all()) {
            snapshot.add(snapshot(job, now));
        }
        return snapshot;
    }

    /** A snapshot of one job, on any host. */
    public Optional<SimulatedJob> job(String id) {
        Instant now = backend.clock().now();
        return backend.jobs().find(id).map(job -> snapshot(job, now));
    }

    /** The simulated time now. */
    public Instant simulatedNow() {
        return backend.clock().now();
    }

    /** Simulated seconds per real second. */
    public double timeScale() {
        return backend.clock().scale();
    }

    /** The USD balance left on {@code host}'s account; empty when unlimited. */
    public Optional<BigDecimal> balance(Host host) {
        return backend.account(host).balance();
    }

    /** Sets {@code host}'s balance in USD (null for unlimited); 402 answers follow when it runs out. */
    public void setBalance(Host host, BigDecimal usd) {
        backend.account(host).setBalance(usd);
    }

    /**
     * The WaveSpeed account's webhook secret, {@code whsec_…}, as {@code GET /api/v3/webhook/secret}
     * returns it: a test value of this simulator, for tests that sign callbacks of their own.
     */
    public String waveSpeedWebhookSecret() {
        return waveSpeedSigner.secret();
    }

    /** Replaces the WaveSpeed account's webhook secret, as a user rotating it would. */
    public void rotateWaveSpeedWebhookSecret() {
        waveSpeedSigner.rotate();
    }

    /** Atlas Cloud signs callbacks with a new key from now on; its JWKS lists the old and the new. */
    public void rotateAtlasCloudWebhookKey() {
        atlasSigner.rotate();
    }

    /**
     * The headers {@code host} would send with a callback of {@code body}, signed genuinely: for tests
     * that build callbacks of their own (a stale timestamp, a body the host would never send).
     *
     * @param webhookId the callback's id
     * @param timestamp when it claims to be signed
     */
    public Map<String, String> signWebhook(Host host, String webhookId, Instant timestamp, byte[] body) {
        switch (host) {
            case WAVESPEED:
                return waveSpeedSigner.headers(webhookId, timestamp.getEpochSecond(), body, null);
            case ATLASCLOUD:
                return atlasSigner.headers(webhookId, timestamp.getEpochSecond(), body, null);
            default:
                throw new IllegalArgumentException(host + " sends no completion callbacks");
        }
    }

    /** Every completion callback sent, dropped or failed so far, oldest first. */
    public List<CallbackRecord> webhookCallbacks() {
        return callbacks.records();
    }

    /** Requests currently held without a reply ({@code Fault.noReply()}). */
    public int heldRequests() {
        return held.count();
    }

    /** Where uploads and clips are kept (for tests of the clean-up). */
    Path workDirectory() {
        return workDirectory;
    }

    /** Stops every origin, drops held requests and deletes generated files. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        callbacks.close();
        held.releaseAll();
        origins.stop();
        shutdownThreads();
        deleteOwnedWorkDirectory();
    }

    private void deleteOwnedWorkDirectory() {
        if (ownsWorkDirectory) {
            deleteTree(workDirectory);
        }
    }

    @Override
    public String toString() {
        return "Simulator{waveSpeed=" + waveSpeedBaseUrl() + ", atlasCloud=" + atlasCloudBaseUrl() + ", modelStudio="
                + modelStudioBaseUrl() + ", media=" + mediaBase + ", storage=" + storageBase + "}";
    }

    private void shutdownThreads() {
        scheduler.shutdownNow();
        executor.shutdownNow();
        callbackSenders.shutdownNow();
    }

    /** Callbacks on the simulator's own timer thread, after the simulated delay scaled to real time. */
    private SimulatorTimer realTimeTimer(SimulatedClock clock) {
        return (task, delay) -> {
            try {
                var future = scheduler.schedule(
                        task, clock.realDurationOf(delay).toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return () -> {}; // closing
            }
        };
    }

    private SimulatedJob snapshot(Job job, Instant now) {
        String status;
        switch (job.host()) {
            case WAVESPEED:
                status = WaveSpeedApi.statusWord(job, now);
                break;
            case MODELSTUDIO:
                status = ModelStudioApi.statusWord(job, now);
                break;
            default:
                status = AtlasCloudApi.statusWord(job, now);
                break;
        }
        return new SimulatedJob(
                job, status, job.state(now).terminal(), backend.clock().realInstantOf(job.completesAtSimulated()));
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // A file still open elsewhere is left to the temp directory's cleanup.
                }
            });
        } catch (IOException e) {
            // Nothing more to do: the directory lives under the system temp directory.
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Configures and starts a {@link Simulator}; its settings are {@link SimulatorSettings}'. Not
     * thread-safe; use once.
     */
    public static final class Builder extends SimulatorSettings<Builder> {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Binds every origin on 127.0.0.1 and starts serving. */
        public Simulator start() throws IOException {
            return new Simulator(this);
        }
    }
}
