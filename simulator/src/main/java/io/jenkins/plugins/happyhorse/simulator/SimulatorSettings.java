package io.jenkins.plugins.happyhorse.simulator;

import io.jenkins.plugins.happyhorse.simulator.job.AccountLevel;
import io.jenkins.plugins.happyhorse.simulator.job.ProcessingTimeModel;
import io.jenkins.plugins.happyhorse.simulator.modelstudio.ModelStudioApi;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatorTimer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a {@link Simulator} is started with: key, clock, ports, prices, balances, limits, quirks
 * and how it calls back, each checked when set. {@link Simulator.Builder} is the public face; the settings are
 * read by the origins when they start.
 *
 * @param <B> the builder type each setter returns
 */
abstract class SimulatorSettings<B extends SimulatorSettings<B>> {
    String apiKey = Simulator.DEFAULT_API_KEY;
    double timeScale = 1;
    long seed = 1;
    int port;
    int mediaPort;
    Clock clock = Clock.systemUTC();
    ProcessingTimeModel processing = ProcessingTimeModel.standard();
    int pictureScale = 1;
    long padTo;
    final Map<Host, BigDecimal> balances = new EnumMap<>(Host.class);
    final Map<Host, AccountLevel> levels = new EnumMap<>(Host.class);
    BigDecimal atlasPerSecond720p = new BigDecimal("0.14");
    BigDecimal atlasPerSecond1080p = new BigDecimal("0.24");
    BigDecimal modelStudioPerSecond720p = new BigDecimal("0.14");
    BigDecimal modelStudioPerSecond1080p = new BigDecimal("0.24");
    String modelStudioOtherRegionKey;
    String modelStudioApiKey;
    int modelStudioQueryLimit = ModelStudioApi.DEFAULT_QUERY_LIMIT;
    int storagePort;
    int threads = 32;
    Duration maxHold = Duration.ofMinutes(10);
    Duration atlasNotFoundWindow = Duration.ofSeconds(30);
    Path workDirectory;
    Instant simulatedStart;
    SimulatorTimer webhookTimer;
    final List<X509Certificate> trustedCertificates = new CopyOnWriteArrayList<>();
    boolean webhooksOverHttp;
    boolean webhookRealTimeStamps;
    Duration webhookLatency = Duration.ZERO;
    Duration webhookTimeout = Duration.ofSeconds(10);

    /** The bearer key to accept (default {@value Simulator#DEFAULT_API_KEY}). */
    public B apiKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the API key must not be blank");
        }
        this.apiKey = key;
        return self();
    }

    /** Simulated seconds per real second (default 1; 1000 turns a 2-minute job into 120 ms). */
    public B timeScale(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be a positive number: " + scale);
        }
        this.timeScale = scale;
        return self();
    }

    /** Seeds processing times, per-job quirks, ids and random faults (default 1). */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The API origin's port (default 0: an ephemeral port). */
    public B port(int port) {
        this.port = checkPort(port);
        return self();
    }

    /** The media origin's port (default 0: an ephemeral port). */
    public B mediaPort(int port) {
        this.mediaPort = checkPort(port);
        return self();
    }

    /** Model Studio's storage origin's port (default 0: an ephemeral port). */
    public B storagePort(int port) {
        this.storagePort = checkPort(port);
        return self();
    }

    /**
     * The simulated instant at which the simulator starts (default: the real start instant).
     * Simulated time then runs from there at the time scale. Host timestamps such as
     * {@code created_at} are simulated, so a client that runs its own scaled clock can align
     * the two by passing its clock's current instant here.
     */
    public B simulatedStart(Instant start) {
        this.simulatedStart = start;
        return self();
    }

    /** The real time source (default the system clock); a manual clock makes tests deterministic. */
    public B clock(Clock realClock) {
        this.clock = Objects.requireNonNull(realClock, "clock");
        return self();
    }

    /** How long each job takes in simulated time (default {@link ProcessingTimeModel#standard()}). */
    public B processingTime(ProcessingTimeModel model) {
        this.processing = Objects.requireNonNull(model, "model");
        return self();
    }

    /** Every job takes exactly this simulated time. */
    public B processingTime(Duration fixed) {
        return processingTime(ProcessingTimeModel.fixed(fixed));
    }

    /** Divides both picture sides of every clip (default 1: 1280x720 for 720p 16:9). */
    public B pictureScale(int divisor) {
        if (divisor < 1) {
            throw new IllegalArgumentException("picture scale must be at least 1: " + divisor);
        }
        this.pictureScale = divisor;
        return self();
    }

    /**
     * Pads every served clip to {@code bytes} with a trailing {@code free} box of zeros,
     * streamed and never stored (default 0: no padding). For download benchmarks.
     */
    public B padOutputsTo(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("padding size cannot be negative: " + bytes);
        }
        this.padTo = bytes;
        return self();
    }

    /** Every host's account starts with this many USD (default unlimited); refusals once a job costs more. */
    public B balance(BigDecimal usd) {
        for (Host host : Host.values()) {
            balance(host, usd);
        }
        return self();
    }

    /** {@code host}'s account starts with this many USD (null: unlimited). */
    public B balance(Host host, BigDecimal usd) {
        if (usd != null && usd.signum() < 0) {
            throw new IllegalArgumentException("a balance cannot be negative: " + usd);
        }
        balances.put(host, usd);
        return self();
    }

    /**
     * {@code host}'s account level (default {@link AccountLevel#UNLIMITED}): a submit beyond its
     * concurrent jobs or videos per minute is refused with 429 in the host's words (WaveSpeed's
     * envelope with {@code Retry-After}, Atlas Cloud's {@code {code, msg}} without, Model
     * Studio's {@code Throttling.RateQuota}), creating and charging nothing, and counted apart
     * ({@link SimulatorStats#refusedSubmits(Host)}).
     */
    public B accountLevel(Host host, AccountLevel level) {
        levels.put(Objects.requireNonNull(host, "host"), Objects.requireNonNull(level, "level"));
        return self();
    }

    /** Atlas Cloud's prices in USD per second of clip (default 0.14 at 720p, 0.24 at 1080p). */
    public B atlasCloudRates(BigDecimal perSecond720p, BigDecimal perSecond1080p) {
        this.atlasPerSecond720p = Objects.requireNonNull(perSecond720p, "perSecond720p");
        this.atlasPerSecond1080p = Objects.requireNonNull(perSecond1080p, "perSecond1080p");
        return self();
    }

    /** Model Studio's prices in USD per second of clip (default 0.14 at 720P, 0.24 at 1080P). */
    public B modelStudioRates(BigDecimal perSecond720p, BigDecimal perSecond1080p) {
        this.modelStudioPerSecond720p = Objects.requireNonNull(perSecond720p, "perSecond720p");
        this.modelStudioPerSecond1080p = Objects.requireNonNull(perSecond1080p, "perSecond1080p");
        return self();
    }

    /**
     * A key of the same account in another Model Studio region (default none). The host only
     * knows the keys of its own region, so it refuses this one exactly like a wrong key (401
     * {@code InvalidApiKey}); the statistics count it apart ({@code otherRegionKeys()}).
     */
    public B modelStudioOtherRegionKey(String key) {
        if (key != null && key.equals(modelStudioKey())) {
            throw new IllegalArgumentException("the other region's key must differ from the accepted key");
        }
        this.modelStudioOtherRegionKey = key;
        return self();
    }

    /**
     * The key Model Studio accepts when it is not the resellers' (default: {@link #apiKey}, one key
     * for every host). Each host sells its own keys: with this set, Model Studio refuses the
     * resellers' key as a wrong one (401 {@code InvalidApiKey}) and the resellers refuse this one,
     * so a test can tell which key reached which host by what succeeded and {@code
     * authenticationFailures()}.
     */
    public B modelStudioApiKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the Model Studio API key must not be blank");
        }
        if (key.equals(modelStudioOtherRegionKey)) {
            throw new IllegalArgumentException("the other region's key must differ from the accepted key");
        }
        this.modelStudioApiKey = key;
        return self();
    }

    /** The key Model Studio accepts. */
    String modelStudioKey() {
        return modelStudioApiKey != null ? modelStudioApiKey : apiKey;
    }

    /** Model Studio task queries allowed per simulated second (default 20; 0 for no limit). */
    public B modelStudioQueryLimit(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("a query limit cannot be negative: " + perSecond);
        }
        this.modelStudioQueryLimit = perSecond;
        return self();
    }

    /** Threads serving requests (default 32). */
    public B threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one thread is needed: " + count);
        }
        this.threads = count;
        return self();
    }

    /** How long (real time) a {@code noReply()} request is held at most (default 10 minutes). */
    public B maxHold(Duration limit) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("hold limit cannot be negative: " + limit);
        }
        this.maxHold = limit;
        return self();
    }

    /** How long (simulated) an Atlas Cloud prediction answers 404/400 after submission (default 30 s). */
    public B atlasNotFoundWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("window cannot be negative: " + window);
        }
        this.atlasNotFoundWindow = window;
        return self();
    }

    /** Where uploads and clips are kept (default: a temporary directory deleted on close). */
    public B workDirectory(Path directory) {
        this.workDirectory = directory;
        return self();
    }

    /**
     * The timer that sends completion callbacks on simulated time (default: the simulator's own
     * timer thread, each delay scaled to real time). Tests that share a stepped clock with the
     * client pass that clock's timer, so callbacks arrive in order with everything else.
     */
    public B webhookTimer(SimulatorTimer timer) {
        this.webhookTimer = Objects.requireNonNull(timer, "timer");
        return self();
    }

    /**
     * Trusts this certificate for callbacks, on top of the JDK's authorities: a local https
     * receiver's (see {@code LoopbackCertificate}).
     */
    public B trustWebhookCertificate(X509Certificate certificate) {
        trustedCertificates.add(Objects.requireNonNull(certificate, "certificate"));
        return self();
    }

    /**
     * Accepts plain http callback URLs to a loopback address (default false: https only, as both
     * hosts document). A deviation from the hosts, for local use where TLS is impractical.
     */
    public B webhooksOverHttpToLoopback(boolean allow) {
        this.webhooksOverHttp = allow;
        return self();
    }

    /**
     * Signs callbacks with the real time of sending instead of the simulated time (default false):
     * for a receiver on the real clock (a Jenkins controller, {@code happyhorse listen}) while the
     * simulator runs faster than real time, whose simulated timestamps would soon lie beyond the
     * receiver's allowance for clock drift.
     */
    public B webhookTimestampsInRealTime(boolean real) {
        this.webhookRealTimeStamps = real;
        return self();
    }

    /** Simulated time from a job's end to its callback (default zero). */
    public B webhookLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative: " + latency);
        }
        this.webhookLatency = latency;
        return self();
    }

    /** Real time a callback exchange may take before it counts as failed (default 10 s). */
    public B webhookTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.webhookTimeout = timeout;
        return self();
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return port;
    }

    /** This builder, for chained calls. */
    abstract B self();
}
