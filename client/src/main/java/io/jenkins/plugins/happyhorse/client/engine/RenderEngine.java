package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.admission.AdmissionGate;
import io.jenkins.plugins.happyhorse.client.admission.AdmissionPolicy;
import io.jenkins.plugins.happyhorse.client.admission.ThrottleBackoff;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.ModelStudioRegion;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpTransport;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.provider.Providers;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ImageLimits;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The only door into the engine. It checks a clip without any call ({@link #preflight}), renders
 * it (upload → submit, once → wait → download → verify, as a state machine driven by callbacks of
 * one async HTTP client and timer tasks on one small scheduler), resumes a render from its
 * checkpoint, asks a host about a job ({@link #status}) and collects a finished job's clip ({@link
 * #download}). No thread is held while a render waits, so a thousand waiting renders cost the
 * same threads as one. One engine per process is enough; it is thread-safe and {@link
 * AutoCloseable} (closing it stops its HTTP client).
 */
public final class RenderEngine implements AutoCloseable {
    private final Map<ProviderId, Provider> providers;
    private final PriceList priceList;
    private final EngineScheduler scheduler;
    private final PollingPolicy pollingPolicy;
    private final HttpTransport transport;
    private final WebhookReceiver webhooks;
    private final HostSessions sessions;
    private final SubmitLedger submits;
    private final HostAdmission admission;

    private RenderEngine(Builder b) {
        this.providers = Providers.create(b.endpoints);
        this.priceList = b.priceList;
        this.scheduler = b.scheduler;
        this.pollingPolicy = b.pollingPolicy;
        this.transport = new HttpTransport(b.proxy, b.responseTimeout, b.connectTimeout, b.ioThreads, b.scheduler);
        this.webhooks = new WebhookReceiver(this, b.webhookPollingPolicy);
        this.sessions = new HostSessions(transport, b.retryPolicy, scheduler);
        this.submits = new SubmitLedger(b.scheduler);
        this.admission = new HostAdmission(b.admission, b.throttleBackoff);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What rendering {@code spec} with {@code options} would cost, and every problem that would
     * stop it before any call: a local image outside its host's limits (checked against the facts
     * read when the spec was parsed), an output path that cannot take the clip, an estimate above
     * the cost limit. Makes no call at all.
     */
    public Preflight preflight(ClipSpec spec, RenderOptions options) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        Preflight checked = Preflight.check(spec, options, imageLimits(spec.provider()), priceList.estimate(spec));
        return CallbackListening.withProblems(checked, provider(spec.provider()));
    }

    /** What {@code spec} would cost on its host, worked out without any call. */
    public CostEstimate estimate(ClipSpec spec) {
        return priceList.estimate(spec);
    }

    /**
     * Renders {@code spec}: checks it as {@link #preflight} does, then uploads, submits (once),
     * waits, downloads and verifies. Returns at once; every failure, a refusal before any call
     * included, arrives through {@link RenderHandle#result()}.
     */
    public RenderHandle render(ClipSpec spec, RenderOptions options) {
        Objects.requireNonNull(spec, "spec");
        RenderRun run = new RenderRun(this, Objects.requireNonNull(options, "options"));
        run.render(() -> preflight(spec, options));
        return run;
    }

    /** Renders what {@code checked} checked, with its options, without estimating again. */
    public RenderHandle render(Preflight checked) {
        Objects.requireNonNull(checked, "checked");
        RenderRun run = new RenderRun(this, checked.options());
        run.render(() -> checked);
        return run;
    }

    /**
     * Parses {@code request} once (on an engine thread) and renders its spec, or fails with every
     * violation; returns at once. Every failure arrives through {@link RenderHandle#result()}.
     */
    public RenderHandle start(RenderRequest request, RenderOptions options) {
        Objects.requireNonNull(request, "request");
        RenderRun run = new RenderRun(this, Objects.requireNonNull(options, "options"));
        run.render(() -> Preflight.parse(request, options, spec -> preflight(spec, options)));
        return run;
    }

    /**
     * Picks up a render from its checkpoint, possibly in a new process: it waits for the job and
     * downloads the clip, and never submits again. A checkpoint without a prediction id is
     * resolved by asking the host (Atlas Cloud's history, Model Studio's task list), or fails with
     * {@link io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException}. A checkpoint
     * older than its host remembers jobs (Model Studio: 24 hours) fails at once, naming its age.
     */
    public RenderHandle resume(RenderCheckpoint checkpoint, RenderOptions options) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        RenderRun run = new RenderRun(this, Objects.requireNonNull(options, "options"));
        run.resume(checkpoint);
        return run;
    }

    /**
     * Collects the clip of {@code job}, which someone already submitted (and paid for): waits until
     * the host says it is done, then downloads it to {@code options.output()} and checks that it is
     * a whole MP4. Nothing is ever submitted.
     */
    public RenderHandle download(JobRef job, RenderOptions options) {
        Objects.requireNonNull(job, "job");
        return download(RenderCheckpoint.adopted(job, endpoint(job.provider()), scheduler.now(), null), options);
    }

    /**
     * Collects the clip of the job {@code checkpoint} names, like {@link #download(JobRef,
     * RenderOptions)}, and verifies it against what the checkpoint expects (duration, aspect ratio,
     * resolution). A checkpoint without a prediction id fails: {@link #resume} looks such a job up.
     */
    public RenderHandle download(RenderCheckpoint checkpoint, RenderOptions options) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        RenderRun run = new RenderRun(this, Objects.requireNonNull(options, "options"));
        run.download(checkpoint);
        return run;
    }

    /**
     * Asks the host once what it says about {@code job} (the call itself is repeated on 429, 5xx
     * and connection errors, until {@code deadline} of engine-clock time). Cancelling the returned
     * future aborts the call; the job itself is not affected.
     */
    public CompletableFuture<Prediction> status(JobRef job, ApiKey key, Duration deadline) {
        Objects.requireNonNull(job, "job");
        // When it was accepted is unknown: the job is taken to be old enough to be visible.
        return StatusCall.ask(this, job, null, key, deadline);
    }

    /** Asks the host once about the job {@code checkpoint} names, as {@link #status(JobRef, ApiKey, Duration)}. */
    public CompletableFuture<Prediction> status(RenderCheckpoint checkpoint, ApiKey key, Duration deadline) {
        return StatusCall.about(this, Objects.requireNonNull(checkpoint, "checkpoint"), key, deadline);
    }

    /** The API base URL in use for {@code provider}. */
    public URI endpoint(ProviderId provider) {
        return providers.get(provider).baseUrl();
    }

    /**
     * Whether {@code provider}'s host can be asked for a job whose submit reply was lost (Atlas
     * Cloud keeps a history), so that {@link #resume} can find it; otherwise only the host's
     * dashboard can tell whether it exists.
     */
    public boolean findsLostSubmits(ProviderId provider) {
        return providers.get(provider).canFindSubmissions();
    }

    /** What {@code provider} accepts as a reference image. */
    public ImageLimits imageLimits(ProviderId provider) {
        return providers.get(provider).imageLimits();
    }

    /** The price list in use. */
    public PriceList priceList() {
        return priceList;
    }

    /**
     * Where the hosts' completion callbacks come in: a web endpoint hands each callback to it, and
     * it wakes the render that waits for the job the callback names.
     */
    public WebhookReceiver webhooks() {
        return webhooks;
    }

    /** The admission gates in use (one per host account), for a status page. */
    public List<AdmissionGate.State> admissionGates() {
        return admission.states();
    }

    HostAdmission admission() {
        return admission;
    }

    Provider provider(ProviderId id) {
        return providers.get(id);
    }

    EngineScheduler scheduler() {
        return scheduler;
    }

    PollingPolicy pollingPolicy() {
        return pollingPolicy;
    }

    /** Every submit this engine sent lately, to resolve a lost reply without adopting another's job. */
    SubmitLedger submits() {
        return submits;
    }

    /**
     * A conversation with {@code provider}'s host that retries until {@code deadline}; its job
     * queries and upload preparations share the host's per-account limits with every other render
     * of this engine.
     */
    HostSession openSession(Provider provider, ApiKey key, Instant deadline) {
        return sessions.open(provider, key, deadline);
    }

    /** Stops the HTTP client; renders still running fail, and callbacks are refused. */
    @Override
    public void close() {
        webhooks.close();
        transport.close();
    }

    /**
     * Checks an API base URL: https, or plain http to a loopback host (the local simulator).
     *
     * @throws IllegalArgumentException naming the setting
     */
    public static URI checkBaseUrl(ProviderId provider, URI url) {
        return BaseUrls.check(provider, url);
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
        private PollingPolicy webhookPollingPolicy = PollingPolicy.webhookSafetyNet();
        private int ioThreads = 2;
        private final Map<ProviderId, AdmissionPolicy> admission = new EnumMap<>(ProviderId.class);
        private ThrottleBackoff throttleBackoff = ThrottleBackoff.defaults();

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

        /**
         * Talks to Model Studio in {@code region} ({@link ModelStudioRegion#parse} reads a region's
         * name or a base URL); the same as {@code endpoint(ProviderId.MODELSTUDIO,
         * region.baseUrl())}. The API key must be one of that region (and workspace).
         *
         * @throws IllegalArgumentException when its base URL is not https and not loopback http
         */
        public Builder modelStudioRegion(ModelStudioRegion region) {
            return endpoint(
                    ProviderId.MODELSTUDIO,
                    Objects.requireNonNull(region, "region").baseUrl());
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

        /**
         * When jobs are polled while their host is expected to call back (renders with {@link
         * RenderOptions#webhook()}): the safety net for a lost callback ({@link
         * PollingPolicy#webhookSafetyNet()} by default).
         */
        public Builder webhookPollingPolicy(PollingPolicy policy) {
            this.webhookPollingPolicy = Objects.requireNonNull(policy, "webhookPollingPolicy");
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

        /** Gates renders on every host's accounts with {@code policy}; see {@link #admission(ProviderId, AdmissionPolicy)}. */
        public Builder admission(AdmissionPolicy policy) {
            return admission(null, policy);
        }

        /**
         * Gates renders per host account ({@code provider} null: every host; {@code policy} null: none,
         * the default) with the {@link HostAdmission} rules: a slot from the submit to the job's end.
         */
        public Builder admission(ProviderId provider, AdmissionPolicy policy) {
            for (ProviderId p : provider == null ? ProviderId.values() : new ProviderId[] {provider}) {
                admission.compute(p, (k, old) -> policy);
            }
            return this;
        }

        /** How long to wait before submitting again after a 429 without {@code Retry-After}. */
        public Builder throttleBackoff(ThrottleBackoff backoff) {
            this.throttleBackoff = Objects.requireNonNull(backoff, "throttleBackoff");
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
