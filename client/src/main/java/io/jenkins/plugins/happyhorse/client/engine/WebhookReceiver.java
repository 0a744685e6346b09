package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.provider.HostWebhooks;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.provider.SignatureCheck;
import io.jenkins.plugins.happyhorse.client.provider.WebhookUrls;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookDelivery;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusedException;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the hosts' completion callbacks (webhooks) come in: one per engine, {@link
 * RenderEngine#webhooks()}. A web endpoint (the command line's listener, the Jenkins plugin's root
 * action) hands it each POST as it arrived, headers and raw body, and answers the sender with the
 * verdict's {@link WebhookVerdict#httpStatus() status} and nothing else.
 *
 * <p>A callback is a hint, never a result: a verified callback about a job a render of this engine
 * waits for makes that render ask the host once now; the host's answer decides. The receiver
 * refuses, changing nothing, a body over {@value #MAX_BODY_BYTES} bytes, a request without one
 * host's signature headers, a timestamp older than {@link #MAX_AGE} or more than {@link
 * #MAX_AHEAD} ahead of the engine's clock, a callback accepted before (by id, or the same signed
 * message under another id), one about a job no render waits for, one that cannot be read, and a
 * wrong signature. It never needs or shows an API key: the signing keys are fetched with the key of
 * the render that waits, and no verdict, event or message holds a key, a secret or the body.
 * Thread-safe; returns at once, the verdict arriving through the future (which never fails).
 */
public final class WebhookReceiver {
    /** The largest body accepted; a completion callback is a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** The oldest timestamp accepted (both hosts: 300 s). */
    public static final Duration MAX_AGE = Duration.ofSeconds(300);
    /** How far ahead of the engine's clock a timestamp may be (clocks drift). */
    public static final Duration MAX_AHEAD = Duration.ofSeconds(60);
    /** How long, engine clock, fetching a host's signing keys may take. */
    static final Duration KEY_FETCH_DEADLINE = Duration.ofSeconds(30);

    private final RenderEngine engine;
    private final PollingPolicy safetyNet;
    private final ReplayGuard replays = new ReplayGuard(MAX_AGE);
    private final WebhookKeys keys;
    private final Map<JobRef, List<Listener>> awaited = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A render waiting for a job: its key, and what wakes it (false once it no longer waits). */
    private record Listener(ApiKey key, Waiter waiter) {}

    /** What a waiting render does when a verified callback names its job. */
    @FunctionalInterface
    interface Waiter {
        /** Asks the host now; false when the render no longer waits. */
        boolean hint();
    }

    /** @param safetyNet how a render that expects a callback polls meanwhile, in case it is lost */
    WebhookReceiver(RenderEngine engine, PollingPolicy safetyNet) {
        this.engine = engine;
        this.safetyNet = safetyNet;
        this.keys = new WebhookKeys(engine.scheduler());
    }

    /**
     * What is wrong with {@code url} as the address hosts call back (a public https URL of at most
     * 1024 characters), e.g. for a form's check; empty when it is fine. No call is made.
     */
    public static List<Violation> checkUrl(URI url) {
        return WebhookUrls.check(url, false);
    }

    /** How a render that expects a callback polls meanwhile: the safety net for a lost callback. */
    PollingPolicy safetyNet() {
        return safetyNet;
    }

    /**
     * Takes a callback whose host is told by its signature headers (each host signs under headers
     * of its own); one that carries no host's, or several hosts', is refused.
     *
     * @param headers the request's headers, names in any capitalisation
     * @param rawBody the body exactly as received
     */
    public CompletableFuture<WebhookVerdict> deliver(Map<String, List<String>> headers, byte[] rawBody) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(rawBody, "rawBody");
        if (rawBody.length > MAX_BODY_BYTES) {
            return done(WebhookVerdict.refused(WebhookRefusal.TOO_LARGE, null, tooLarge(rawBody.length)));
        }
        WebhookDelivery delivery = WebhookDelivery.of(headers, rawBody);
        List<ProviderId> claimants = new ArrayList<>();
        for (ProviderId id : ProviderId.values()) {
            Provider p = engine.provider(id);
            if (p != null && p.webhooks().map(h -> h.claims(delivery)).orElse(false)) {
                claimants.add(id);
            }
        }
        if (claimants.size() != 1) {
            return done(WebhookVerdict.refused(
                    WebhookRefusal.UNKNOWN_SENDER,
                    null,
                    claimants.isEmpty()
                            ? "a request without any host's signature header"
                            : "a request with the signature headers of " + claimants));
        }
        return deliver(claimants.get(0), delivery);
    }

    /**
     * Takes a callback from {@code host} (an endpoint per host knows it from its path).
     *
     * @param headers the request's headers, names in any capitalisation
     * @param rawBody the body exactly as received
     */
    public CompletableFuture<WebhookVerdict> deliver(
            ProviderId host, Map<String, List<String>> headers, byte[] rawBody) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(rawBody, "rawBody");
        if (rawBody.length > MAX_BODY_BYTES) {
            return done(WebhookVerdict.refused(WebhookRefusal.TOO_LARGE, null, tooLarge(rawBody.length)));
        }
        return deliver(host, WebhookDelivery.of(headers, rawBody));
    }

    /** How many renders listen for a callback now. */
    public int awaiting() {
        int n = 0;
        for (List<Listener> listeners : awaited.values()) {
            n += listeners.size();
        }
        return n;
    }

    // ---- inside the engine ---------------------------------------------------------------------

    /**
     * Lets callbacks about {@code job} wake {@code waiter}, whose signing keys are fetched with
     * {@code key}; returns what stops that (idempotent).
     */
    Runnable await(JobRef job, ApiKey key, Waiter waiter) {
        Listener listener = new Listener(key, waiter);
        awaited.computeIfAbsent(job, j -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> awaited.computeIfPresent(job, (j, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Refuses every callback from now on. */
    void close() {
        closed = true;
    }

    private CompletableFuture<WebhookVerdict> deliver(ProviderId host, WebhookDelivery delivery) {
        try {
            return handle(host, delivery);
        } catch (WebhookRefusedException e) {
            return done(WebhookVerdict.refused(e.reason(), null, host.displayName() + " callback: " + e.getMessage()));
        } catch (RuntimeException e) {
            return done(WebhookVerdict.refused(
                    WebhookRefusal.MALFORMED,
                    null,
                    host.displayName() + " callback could not be handled ("
                            + e.getClass().getSimpleName() + ")"));
        }
    }

    private CompletableFuture<WebhookVerdict> handle(ProviderId host, WebhookDelivery delivery) {
        if (closed) {
            return done(WebhookVerdict.refused(WebhookRefusal.CLOSED, null, "the engine is closed"));
        }
        Provider provider = engine.provider(host);
        HostWebhooks hooks = provider == null ? null : provider.webhooks().orElse(null);
        if (hooks == null) {
            return done(WebhookVerdict.refused(
                    WebhookRefusal.NOT_SUPPORTED, null, host.displayName() + " sends no per-render callbacks"));
        }
        WebhookEnvelope e = hooks.read(delivery);
        Instant now = engine.scheduler().now();
        if (e.timestamp().isBefore(now.minus(MAX_AGE))) {
            return refused(WebhookRefusal.STALE, e, CallbackMessages.stale(e, now, MAX_AGE));
        }
        if (e.timestamp().isAfter(now.plus(MAX_AHEAD))) {
            return refused(WebhookRefusal.FROM_THE_FUTURE, e, CallbackMessages.ahead(e, now, MAX_AHEAD));
        }
        if (replays.seen(e, now)) {
            return refused(WebhookRefusal.REPLAYED, e, CallbackMessages.replayed(e));
        }
        List<Listener> listeners = awaited.get(e.job());
        if (listeners == null || listeners.isEmpty()) {
            return refused(WebhookRefusal.NOT_AWAITED, e, CallbackMessages.notAwaited(e));
        }
        ApiKey key = listeners.get(0).key();
        return keys.verify(
                        host,
                        hooks,
                        key,
                        () -> engine.openSession(
                                provider, key, engine.scheduler().now().plus(KEY_FETCH_DEADLINE)),
                        e,
                        delivery)
                .thenApply(check -> conclude(e, check))
                .exceptionally(error -> WebhookVerdict.refused(
                        WebhookRefusal.KEY_UNAVAILABLE,
                        e.job(),
                        CallbackMessages.refused(
                                e, "not checked (" + error.getClass().getSimpleName() + ")")));
    }

    /** After the signature check: record the callback and wake the renders, or refuse. */
    private WebhookVerdict conclude(WebhookEnvelope e, SignatureCheck check) {
        if (!check.isGenuine()) {
            return WebhookVerdict.refused(check.refusal(), e.job(), CallbackMessages.refused(e, check.detail()));
        }
        if (closed) {
            return WebhookVerdict.refused(WebhookRefusal.CLOSED, e.job(), "the engine is closed");
        }
        if (!replays.record(e, engine.scheduler().now())) {
            return WebhookVerdict.refused(WebhookRefusal.REPLAYED, e.job(), CallbackMessages.replayed(e));
        }
        int woken = 0;
        for (Listener l : awaited.getOrDefault(e.job(), List.of())) {
            if (l.waiter().hint()) {
                woken++;
            }
        }
        if (woken == 0) {
            return WebhookVerdict.refused(WebhookRefusal.NOT_AWAITED, e.job(), CallbackMessages.notAwaited(e));
        }
        return WebhookVerdict.accepted(e.job(), CallbackMessages.accepted(e, woken));
    }

    private static CompletableFuture<WebhookVerdict> refused(WebhookRefusal why, WebhookEnvelope e, String detail) {
        return done(WebhookVerdict.refused(why, e.job(), detail));
    }

    private static CompletableFuture<WebhookVerdict> done(WebhookVerdict verdict) {
        return CompletableFuture.completedFuture(verdict);
    }

    private static String tooLarge(int length) {
        return "a body of " + length + " bytes (at most " + MAX_BODY_BYTES + ")";
    }

    @Override
    public String toString() {
        return "WebhookReceiver{awaiting=" + awaiting() + ", remembered=" + replays.size() + "}";
    }
}
