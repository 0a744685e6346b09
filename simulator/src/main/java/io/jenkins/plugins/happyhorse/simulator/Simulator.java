package io.jenkins.plugins.happyhorse.simulator;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.happyhorse.simulator.atlas.AtlasCloudApi;
import io.jenkins.plugins.happyhorse.simulator.fault.FaultPlan;
import io.jenkins.plugins.happyhorse.simulator.http.Binding;
import io.jenkins.plugins.happyhorse.simulator.http.Dispatcher;
import io.jenkins.plugins.happyhorse.simulator.http.HeldExchanges;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.job.PriceSheet;
import io.jenkins.plugins.happyhorse.simulator.job.ProcessingTimeModel;
import io.jenkins.plugins.happyhorse.simulator.media.MediaOrigin;
import io.jenkins.plugins.happyhorse.simulator.media.MediaStore;
import io.jenkins.plugins.happyhorse.simulator.media.OutputStore;
import io.jenkins.plugins.happyhorse.simulator.modelstudio.ModelStudioApi;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsEndpoint;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsRecorder;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatedClock;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatorTimer;
import io.jenkins.plugins.happyhorse.simulator.wavespeed.WaveSpeedApi;
import io.jenkins.plugins.happyhorse.simulator.webhook.AtlasCloudSigner;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackRecord;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackTargets;
import io.jenkins.plugins.happyhorse.simulator.webhook.WaveSpeedSigner;
import io.jenkins.plugins.happyhorse.simulator.webhook.WebhookDeliverer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final HttpServer apiServer;
    private final HttpServer mediaServer;
    private final HttpServer storageServer;
    private final ExecutorService executor;
    private final ExecutorService callbackSenders;
    private final ScheduledExecutorService scheduler;
    private final HeldExchanges held;
    private final Path workDirectory;
    private final boolean ownsWorkDirectory;
    private final String apiKey;
    private final FaultPlan faults;
    private final SimulatorStats stats;
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
        this.faults = new FaultPlan(builder.seed);
        StatsRecorder recorder = new StatsRecorder();
        this.stats = new SimulatorStats(recorder);
        this.ownsWorkDirectory = builder.workDirectory == null;
        this.workDirectory = ownsWorkDirectory
                ? Files.createTempDirectory("happyhorse-simulator-")
                : Files.createDirectories(builder.workDirectory);
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        this.executor = Executors.newFixedThreadPool(builder.threads, daemonThreads("happyhorse-sim-http"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("happyhorse-sim-timer"));
        this.callbackSenders = Executors.newFixedThreadPool(4, daemonThreads("happyhorse-sim-webhook"));
        this.held = new HeldExchanges(scheduler, builder.maxHold);
        HttpServer api = null;
        HttpServer media = null;
        HttpServer storage = null;
        try {
            api = HttpServer.create(new InetSocketAddress(loopback, builder.port), 1024);
            media = HttpServer.create(new InetSocketAddress(loopback, builder.mediaPort), 1024);
            storage = HttpServer.create(new InetSocketAddress(loopback, builder.storagePort), 1024);
        } catch (IOException e) {
            if (api != null) {
                api.stop(0);
            }
            if (media != null) {
                media.stop(0);
            }
            shutdownThreads();
            deleteOwnedWorkDirectory();
            throw e;
        }
        this.apiServer = api;
        this.mediaServer = media;
        this.storageServer = storage;
        this.apiBase = URI.create("http://127.0.0.1:" + api.getAddress().getPort());
        this.mediaBase = URI.create("http://127.0.0.1:" + media.getAddress().getPort());
        this.storageBase = URI.create("http://127.0.0.1:" + storage.getAddress().getPort());

        try {
            SimulatedClock clock = new SimulatedClock(builder.clock, builder.timeScale, builder.simulatedStart);
            this.backend = new Backend(
                    clock,
                    faults,
                    recorder,
                    new PriceSheet(
                            builder.atlasPerSecond720p,
                            builder.atlasPerSecond1080p,
                            builder.modelStudioPerSecond720p,
                            builder.modelStudioPerSecond1080p),
                    builder.balances,
                    builder.processing,
                    builder.seed,
                    mediaBase,
                    builder.atlasNotFoundWindow);
            this.waveSpeedSigner = new WaveSpeedSigner(builder.seed);
            this.atlasSigner = new AtlasCloudSigner();
            SimulatorTimer timer = builder.webhookTimer != null ? builder.webhookTimer : realTimeTimer(clock);
            this.callbacks = new WebhookDeliverer(
                    clock,
                    timer,
                    faults,
                    recorder,
                    callbackSenders,
                    builder.trustedCertificates,
                    builder.webhookLatency,
                    builder.webhookTimeout,
                    builder.seed);
            CallbackTargets targets = new CallbackTargets(builder.webhooksOverHttp);
            MediaStore mediaStore = new MediaStore(workDirectory.resolve("uploads"), mediaBase, builder.seed);
            ModelStudioApi modelStudio = new ModelStudioApi(
                    backend,
                    workDirectory.resolve("temporary-storage"),
                    apiKey,
                    builder.modelStudioOtherRegionKey,
                    builder.modelStudioQueryLimit,
                    storageBase,
                    builder.seed);
            OutputStore outputs = new OutputStore(
                    workDirectory.resolve("outputs"),
                    mediaStore,
                    builder.pictureScale,
                    builder.padTo,
                    modelStudio.outputRules());
            WaveSpeedApi waveSpeed =
                    new WaveSpeedApi(backend, mediaStore, apiBase, callbacks, targets, waveSpeedSigner);
            AtlasCloudApi atlas = new AtlasCloudApi(backend, mediaStore, callbacks, targets, atlasSigner);
            MediaOrigin mediaOrigin = new MediaOrigin(backend, mediaStore, outputs);

            List<Binding> apiBindings = new ArrayList<>(waveSpeed.bindings());
            apiBindings.addAll(atlas.bindings());
            apiBindings.addAll(modelStudio.bindings());
            // Most specific prefixes first: Model Studio's paths sit under Atlas Cloud's /api/v1.
            List<Dispatcher.Fallback> apiFallbacks = new ArrayList<>(modelStudio.fallbacks());
            apiFallbacks.add(atlas.fallback());
            apiFallbacks.add(waveSpeed.fallback());
            api.createContext(
                    "/",
                    new Dispatcher(
                            apiBindings,
                            apiFallbacks,
                            faults,
                            recorder,
                            apiKey,
                            false,
                            executor,
                            scheduler,
                            held,
                            builder.seed));
            media.createContext(
                    "/",
                    new Dispatcher(
                            mediaOrigin.bindings(),
                            List.of(mediaOrigin.fallback()),
                            faults,
                            recorder,
                            apiKey,
                            true,
                            executor,
                            scheduler,
                            held,
                            builder.seed + 1));
            storage.createContext(
                    "/",
                    new Dispatcher(
                            modelStudio.storageBindings(),
                            List.of(modelStudio.storageFallback()),
                            faults,
                            recorder,
                            apiKey,
                            recorder::storageAuthorization,
                            executor,
                            scheduler,
                            held,
                            builder.seed + 2));
            // Counters for tests outside this JVM: a context of its own, so the hosts' dispatcher
            // (their routes, counts and faults) never sees these requests.
            api.createContext(StatsEndpoint.PREFIX, new StatsEndpoint(recorder, this::jobs));
            api.setExecutor(executor);
            media.setExecutor(executor);
            storage.setExecutor(executor);
            api.start();
            media.start();
            storage.start();
        } catch (IOException | RuntimeException e) {
            // Nothing may stay bound or running when construction fails.
            api.stop(0);
            media.stop(0);
            storage.stop(0);
            shutdownThreads();
            deleteOwnedWorkDirectory();
            throw e;
        }
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

    /** The bearer key this simulator accepts. */
    public String apiKey() {
        return apiKey;
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
        apiServer.stop(0);
        mediaServer.stop(0);
        storageServer.stop(0);
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

    /** Configures and starts a {@link Simulator}. Not thread-safe; use once. */
    public static final class Builder {
        private String apiKey = DEFAULT_API_KEY;
        private double timeScale = 1;
        private long seed = 1;
        private int port;
        private int mediaPort;
        private Clock clock = Clock.systemUTC();
        private ProcessingTimeModel processing = ProcessingTimeModel.standard();
        private int pictureScale = 1;
        private long padTo;
        private final Map<Host, BigDecimal> balances = new EnumMap<>(Host.class);
        private BigDecimal atlasPerSecond720p = new BigDecimal("0.14");
        private BigDecimal atlasPerSecond1080p = new BigDecimal("0.24");
        private BigDecimal modelStudioPerSecond720p = new BigDecimal("0.14");
        private BigDecimal modelStudioPerSecond1080p = new BigDecimal("0.24");
        private String modelStudioOtherRegionKey;
        private int modelStudioQueryLimit = ModelStudioApi.DEFAULT_QUERY_LIMIT;
        private int storagePort;
        private int threads = 32;
        private Duration maxHold = Duration.ofMinutes(10);
        private Duration atlasNotFoundWindow = Duration.ofSeconds(30);
        private Path workDirectory;
        private Instant simulatedStart;
        private SimulatorTimer webhookTimer;
        private final List<X509Certificate> trustedCertificates = new CopyOnWriteArrayList<>();
        private boolean webhooksOverHttp;
        private Duration webhookLatency = Duration.ZERO;
        private Duration webhookTimeout = Duration.ofSeconds(10);

        private Builder() {}

        /**
         * The timer that sends completion callbacks on simulated time (default: the simulator's own
         * timer thread, each delay scaled to real time). Tests that share a stepped clock with the
         * client pass that clock's timer, so callbacks arrive in order with everything else.
         */
        public Builder webhookTimer(SimulatorTimer timer) {
            this.webhookTimer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        /**
         * Trusts this certificate for callbacks, on top of the JDK's authorities: a local https
         * receiver's (see {@code LoopbackCertificate}).
         */
        public Builder trustWebhookCertificate(X509Certificate certificate) {
            trustedCertificates.add(Objects.requireNonNull(certificate, "certificate"));
            return this;
        }

        /**
         * Accepts plain http callback URLs to a loopback address (default false: https only, as both
         * hosts document). A deviation from the hosts, for local use where TLS is impractical.
         */
        public Builder webhooksOverHttpToLoopback(boolean allow) {
            this.webhooksOverHttp = allow;
            return this;
        }

        /** Simulated time from a job's end to its callback (default zero). */
        public Builder webhookLatency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency cannot be negative: " + latency);
            }
            this.webhookLatency = latency;
            return this;
        }

        /** Real time a callback exchange may take before it counts as failed (default 10 s). */
        public Builder webhookTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.webhookTimeout = timeout;
            return this;
        }

        /** The bearer key to accept (default {@value #DEFAULT_API_KEY}). */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("the API key must not be blank");
            }
            this.apiKey = key;
            return this;
        }

        /** Simulated seconds per real second (default 1; 1000 turns a 2-minute job into 120 ms). */
        public Builder timeScale(double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("time scale must be a positive number: " + scale);
            }
            this.timeScale = scale;
            return this;
        }

        /** Seeds processing times, per-job quirks, ids and random faults (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The API origin's port (default 0: an ephemeral port). */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** The media origin's port (default 0: an ephemeral port). */
        public Builder mediaPort(int port) {
            this.mediaPort = checkPort(port);
            return this;
        }

        /** Model Studio's storage origin's port (default 0: an ephemeral port). */
        public Builder storagePort(int port) {
            this.storagePort = checkPort(port);
            return this;
        }

        /**
         * The simulated instant at which the simulator starts (default: the real start instant).
         * Simulated time then runs from there at the time scale. Host timestamps such as
         * {@code created_at} are simulated, so a client that runs its own scaled clock can align
         * the two by passing its clock's current instant here.
         */
        public Builder simulatedStart(Instant start) {
            this.simulatedStart = start;
            return this;
        }

        /** The real time source (default the system clock); a manual clock makes tests deterministic. */
        public Builder clock(Clock realClock) {
            this.clock = Objects.requireNonNull(realClock, "clock");
            return this;
        }

        /** How long each job takes in simulated time (default {@link ProcessingTimeModel#standard()}). */
        public Builder processingTime(ProcessingTimeModel model) {
            this.processing = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Every job takes exactly this simulated time. */
        public Builder processingTime(Duration fixed) {
            return processingTime(ProcessingTimeModel.fixed(fixed));
        }

        /** Divides both picture sides of every clip (default 1: 1280x720 for 720p 16:9). */
        public Builder pictureScale(int divisor) {
            if (divisor < 1) {
                throw new IllegalArgumentException("picture scale must be at least 1: " + divisor);
            }
            this.pictureScale = divisor;
            return this;
        }

        /**
         * Pads every served clip to {@code bytes} with a trailing {@code free} box of zeros,
         * streamed and never stored (default 0: no padding). For download benchmarks.
         */
        public Builder padOutputsTo(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("padding size cannot be negative: " + bytes);
            }
            this.padTo = bytes;
            return this;
        }

        /** Every host's account starts with this many USD (default unlimited); refusals once a job costs more. */
        public Builder balance(BigDecimal usd) {
            for (Host host : Host.values()) {
                balance(host, usd);
            }
            return this;
        }

        /** {@code host}'s account starts with this many USD (null: unlimited). */
        public Builder balance(Host host, BigDecimal usd) {
            if (usd != null && usd.signum() < 0) {
                throw new IllegalArgumentException("a balance cannot be negative: " + usd);
            }
            balances.put(host, usd);
            return this;
        }

        /** Atlas Cloud's prices in USD per second of clip (default 0.14 at 720p, 0.24 at 1080p). */
        public Builder atlasCloudRates(BigDecimal perSecond720p, BigDecimal perSecond1080p) {
            this.atlasPerSecond720p = Objects.requireNonNull(perSecond720p, "perSecond720p");
            this.atlasPerSecond1080p = Objects.requireNonNull(perSecond1080p, "perSecond1080p");
            return this;
        }

        /** Model Studio's prices in USD per second of clip (default 0.14 at 720P, 0.24 at 1080P). */
        public Builder modelStudioRates(BigDecimal perSecond720p, BigDecimal perSecond1080p) {
            this.modelStudioPerSecond720p = Objects.requireNonNull(perSecond720p, "perSecond720p");
            this.modelStudioPerSecond1080p = Objects.requireNonNull(perSecond1080p, "perSecond1080p");
            return this;
        }

        /**
         * A key of the same account in another Model Studio region (default none). The host only
         * knows the keys of its own region, so it refuses this one exactly like a wrong key (401
         * {@code InvalidApiKey}); the statistics count it apart ({@code otherRegionKeys()}).
         */
        public Builder modelStudioOtherRegionKey(String key) {
            if (key != null && key.equals(apiKey)) {
                throw new IllegalArgumentException("the other region's key must differ from the accepted key");
            }
            this.modelStudioOtherRegionKey = key;
            return this;
        }

        /** Model Studio task queries allowed per simulated second (default 20; 0 for no limit). */
        public Builder modelStudioQueryLimit(int perSecond) {
            if (perSecond < 0) {
                throw new IllegalArgumentException("a query limit cannot be negative: " + perSecond);
            }
            this.modelStudioQueryLimit = perSecond;
            return this;
        }

        /** Threads serving requests (default 32). */
        public Builder threads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one thread is needed: " + count);
            }
            this.threads = count;
            return this;
        }

        /** How long (real time) a {@code noReply()} request is held at most (default 10 minutes). */
        public Builder maxHold(Duration limit) {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("hold limit cannot be negative: " + limit);
            }
            this.maxHold = limit;
            return this;
        }

        /** How long (simulated) an Atlas Cloud prediction answers 404/400 after submission (default 30 s). */
        public Builder atlasNotFoundWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("window cannot be negative: " + window);
            }
            this.atlasNotFoundWindow = window;
            return this;
        }

        /** Where uploads and clips are kept (default: a temporary directory deleted on close). */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory;
            return this;
        }

        /** Binds every origin on 127.0.0.1 and starts serving. */
        public Simulator start() throws IOException {
            return new Simulator(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            return port;
        }
    }
}
