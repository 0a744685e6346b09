package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.http.HttpTransport;
import io.jenkins.plugins.happyhorse.client.http.Origin;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.provider.AtlasCloudProvider;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.provider.WaveSpeedProvider;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders clips: upload → submit (once) → wait → download → verify, as a state machine driven by
 * callbacks of one async HTTP client and timer tasks on one small scheduler. No thread is held
 * while a render waits, so a thousand waiting renders cost the same threads as one. One engine per
 * process is enough; it is thread-safe and {@link AutoCloseable} (closing it stops its HTTP client).
 */
public final class RenderEngine implements AutoCloseable {
    private final Map<ProviderId, Provider> providers;
    private final PriceList priceList;
    private final EngineScheduler scheduler;
    private final RetryPolicy retryPolicy;
    private final PollingPolicy pollingPolicy;
    private final HttpTransport transport;

    private RenderEngine(Builder b) {
        Map<ProviderId, Provider> map = new EnumMap<>(ProviderId.class);
        map.put(ProviderId.WAVESPEED, new WaveSpeedProvider(b.endpoints.get(ProviderId.WAVESPEED)));
        map.put(ProviderId.ATLASCLOUD, new AtlasCloudProvider(b.endpoints.get(ProviderId.ATLASCLOUD)));
        this.providers = map;
        this.priceList = b.priceList;
        this.scheduler = b.scheduler;
        this.retryPolicy = b.retryPolicy;
        this.pollingPolicy = b.pollingPolicy;
        this.transport = new HttpTransport(b.proxy, b.responseTimeout, b.connectTimeout, b.ioThreads);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What {@code spec} would cost on its host, worked out without any call. */
    public CostEstimate estimate(ClipSpec spec) {
        return priceList.estimate(spec);
    }

    /** Starts rendering {@code spec}; returns at once. Every failure arrives through {@link RenderHandle#result()}. */
    public RenderHandle render(ClipSpec spec, RenderOptions options) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        RenderRun run = new RenderRun(this, options);
        run.render(spec);
        return run;
    }

    /**
     * Parses {@code request} once (on an engine thread) and renders the spec, or fails with every
     * violation; returns at once. Every failure arrives through {@link RenderHandle#result()}.
     */
    public RenderHandle start(RenderRequest request, RenderOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        RenderRun run = new RenderRun(this, options);
        run.start(request);
        return run;
    }

    /**
     * Picks up a render from its checkpoint, possibly in a new process: it waits for the job and
     * downloads the clip, and never submits again. A checkpoint without a prediction id is
     * resolved by asking the host (Atlas Cloud's history), or fails with {@link
     * io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException}.
     */
    public RenderHandle resume(RenderCheckpoint checkpoint, RenderOptions options) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(options, "options");
        RenderRun run = new RenderRun(this, options);
        run.resume(checkpoint);
        return run;
    }

    /** The API base URL in use for {@code provider}. */
    public URI endpoint(ProviderId provider) {
        return providers.get(provider).baseUrl();
    }

    /** The price list in use. */
    public PriceList priceList() {
        return priceList;
    }

    Provider provider(ProviderId id) {
        return providers.get(id);
    }

    EngineScheduler scheduler() {
        return scheduler;
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    PollingPolicy pollingPolicy() {
        return pollingPolicy;
    }

    HttpTransport transport() {
        return transport;
    }

    /** Stops the HTTP client; renders still running fail. */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * Checks an API base URL: https, or plain http to a loopback host (the local simulator).
     *
     * @throws IllegalArgumentException naming the setting
     */
    public static URI checkBaseUrl(ProviderId provider, URI url) {
        String setting = "the API base URL for " + provider.id();
        if (url == null || !url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException(setting + " must be an absolute URL such as " + provider.defaultBaseUrl()
                    + ", was " + (url == null ? "empty" : Origin.describe(url)));
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    setting + " must not carry a user, query or fragment: " + Origin.describe(url));
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return url;
        }
        if (scheme.equals("http") && Origin.isLoopbackHost(url.getHost())) {
            return url;
        }
        throw new IllegalArgumentException(setting + " must use https (plain http is allowed only for loopback hosts"
                + " such as the local simulator), was " + Origin.describe(url));
    }

    /** Configures an engine; every setting has a sensible default. */
    public static final class Builder {
        private final Map<ProviderId, URI> endpoints = new EnumMap<>(ProviderId.class);
        private PriceList priceList = PriceList.defaults();
        private EngineScheduler scheduler = EngineScheduler.system();
        private ProxySettings proxy = ProxySettings.none();
        private Duration responseTimeout = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(20);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private PollingPolicy pollingPolicy = PollingPolicy.defaults();
        private int ioThreads = 2;

        private Builder() {
            for (ProviderId p : ProviderId.values()) {
                endpoints.put(p, p.defaultBaseUrl());
            }
        }

        /**
         * Overrides a host's API base URL (e.g. the local simulator's).
         *
         * @throws IllegalArgumentException when it is not https and not loopback http
         */
        public Builder endpoint(ProviderId provider, URI baseUrl) {
            endpoints.put(Objects.requireNonNull(provider, "provider"), checkBaseUrl(provider, baseUrl));
            return this;
        }

        public Builder priceList(PriceList priceList) {
            this.priceList = Objects.requireNonNull(priceList, "priceList");
            return this;
        }

        /** The clock and timer; {@link EngineScheduler#system()} by default. */
        public Builder scheduler(EngineScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Proxy settings; none by default (pass {@link ProxySettings#fromEnvironment()} for the standard ones). */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /** The longest wait for a reply, real time, per HTTP exchange (default 60 s). */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "responseTimeout");
            return this;
        }

        /** The longest wait for a TCP/TLS connection, real time (default 20 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How idempotent calls are retried. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** When jobs are polled. */
        public Builder pollingPolicy(PollingPolicy policy) {
            this.pollingPolicy = Objects.requireNonNull(policy, "pollingPolicy");
            return this;
        }

        /** HTTP I/O threads (default 2). */
        public Builder ioThreads(int threads) {
            if (threads < 1 || threads > 16) {
                throw new IllegalArgumentException("ioThreads must be from 1 to 16, was " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        public RenderEngine build() {
            return new RenderEngine(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
