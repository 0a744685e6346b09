package io.jenkins.plugins.happyhorse.cli.host;

import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.engine.PollingPolicy;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.ClipShape;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.client.time.TimeScaledScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a command's calls go: an engine pointed at one host, the key for it, and (for {@code
 * --provider simulator}) the local simulator playing that host. Closing it stops both.
 */
public final class RenderTarget implements AutoCloseable {
    /**
     * Host seconds per real second of waiting with the built-in simulator: a render of one to five
     * minutes on a host takes about a second.
     */
    public static final double SIMULATOR_TIME_SCALE = 200;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** When the engine asks about jobs; also what the progress display expects a job to take. */
    private static final PollingPolicy POLLING = PollingPolicy.defaults();

    private final RenderEngine engine;
    private final EngineScheduler scheduler;
    private final ProviderId provider;
    private final ApiKey key;
    private final Simulator simulator;
    private final double timeScale;

    private RenderTarget(
            RenderEngine engine,
            EngineScheduler scheduler,
            ProviderId provider,
            ApiKey key,
            Simulator simulator,
            double scale) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.provider = provider;
        this.key = key;
        this.simulator = simulator;
        this.timeScale = scale;
    }

    /**
     * A real host (or whatever {@code baseUrl} points at), with the proxy settings of the
     * context's environment and its engine clock.
     *
     * @param baseUrl the API base URL, or null for the host's documented one
     * @param key the key, or null for a dry run
     */
    public static RenderTarget host(
            CliContext context, ProviderId provider, URI baseUrl, ApiKey key, PriceList prices) {
        ProxySettings proxy;
        try {
            proxy = ProxySettings.fromEnvironment(System.getProperties(), context.env());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.USAGE, "The proxy settings are invalid: " + e.getMessage() + ".");
        }
        RenderEngine.Builder builder = RenderEngine.builder()
                .priceList(prices)
                .proxy(proxy)
                .scheduler(context.scheduler())
                .pollingPolicy(POLLING);
        if (baseUrl != null) {
            builder.endpoint(provider, baseUrl);
        }
        return new RenderTarget(builder.build(), context.scheduler(), provider, key, null, scale(context.scheduler()));
    }

    /**
     * Starts a simulator on 127.0.0.1 playing {@code host}, with a key of its own, and an engine
     * on the same clock: a stepped one, which moves {@link #SIMULATOR_TIME_SCALE} times faster than
     * real time while the render waits and stands still while it works. The simulator's
     * timestamps agree with the engine's clock, and a render passes through the same phases
     * (uploading, submitting, waiting while the job is processed, downloading) however busy the
     * machine is.
     */
    public static RenderTarget simulator(ProviderId host, PriceList prices) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String secret = "sim-" + HexFormat.of().formatHex(random);
        SteppedScheduler clock = new SteppedScheduler(Instant.now(), SIMULATOR_TIME_SCALE);
        Simulator simulator;
        try {
            simulator = Simulator.builder().apiKey(secret).clock(clock.clock()).start();
        } catch (IOException e) {
            throw new CommandFailure(
                    ExitCode.ERROR, "The local simulator could not start on 127.0.0.1 (" + e.getMessage() + ").");
        }
        try {
            URI base = Hosts.simulatorBaseUrl(simulator, host)
                    .orElseThrow(() -> new CommandFailure(
                            ExitCode.USAGE, "The simulator does not play " + host.displayName() + "."));
            RenderEngine engine = RenderEngine.builder()
                    .endpoint(host, base)
                    .priceList(prices)
                    .scheduler(clock)
                    .pollingPolicy(POLLING)
                    .build();
            return new RenderTarget(engine, clock, host, ApiKey.of(secret), simulator, SIMULATOR_TIME_SCALE);
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    public RenderEngine engine() {
        return engine;
    }

    public ProviderId provider() {
        return provider;
    }

    /** The engine's clock. */
    public EngineScheduler scheduler() {
        return scheduler;
    }

    /** How long the host is expected to take for a clip of {@code shape}, as the engine polls for it. */
    public Duration expectedProcessing(ClipShape shape) {
        return POLLING.expectedProcessing(shape);
    }

    /** The key, or null for a dry run. */
    public ApiKey key() {
        return key;
    }

    /** Whether the built-in simulator plays the host (nothing is billed). */
    public boolean simulated() {
        return simulator != null;
    }

    /** The engine-clock deadline that matches {@code wallClock} of real time. */
    public Duration engineDeadline(Duration wallClock) {
        return toEngineClock(wallClock, timeScale);
    }

    /** Engine-clock seconds per real second of {@code scheduler}: its scale, or 1 for the system clock. */
    public static double scale(EngineScheduler scheduler) {
        return scheduler instanceof TimeScaledScheduler scaled ? scaled.scale() : 1;
    }

    /** {@code wallClock} of real time on an engine clock running {@code scale} times as fast. */
    public static Duration toEngineClock(Duration wallClock, double scale) {
        Objects.requireNonNull(wallClock, "wallClock");
        if (scale == 1) {
            return wallClock;
        }
        return Duration.ofMillis(Math.round(wallClock.toMillis() * scale));
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }
}
