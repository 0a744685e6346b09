package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One render's conversation with one host, the only thing a provider talks to. It is composed of
 * three parts, each usable and testable alone: {@link AuthenticatingSender} (the key, on API calls
 * to the API origin only), {@link RetryingCaller} (idempotent calls repeated on a timer until the
 * deadline) and {@link MediaDownload} (a clip fetched from a media URL without the key). One
 * {@link CallScope} is shared by the three, so {@link #cancel} aborts the exchange in flight and
 * any pending retry.
 */
public final class HostSession {
    /** Redirect hops followed for a media download. */
    public static final int MAX_REDIRECTS = MediaDownload.MAX_REDIRECTS;

    private final URI apiBase;
    private final EngineScheduler scheduler;
    private final HostText text;
    private final CallScope scope = new CallScope();
    private final Sender sender;
    private final RetryingCaller retries;
    private final MediaDownload media;
    private final RateGate queries;
    private final RateGate uploads;

    /**
     * @param hostName the host's name for messages
     * @param apiBase the configured API base URL; its origin is the only one that gets the key
     * @param deadline when to stop retrying, or null for never
     */
    public HostSession(
            HttpTransport transport,
            String hostName,
            URI apiBase,
            ApiKey key,
            RetryPolicy retryPolicy,
            EngineScheduler scheduler,
            Instant deadline) {
        this(transport, hostName, apiBase, key, retryPolicy, scheduler, deadline, Limits.NONE);
    }

    /**
     * The host's per-account rate limits, each shared by every session of the same account.
     *
     * @param queries job queries
     * @param uploads upload preparations
     */
    public record Limits(RateGate queries, RateGate uploads) {
        /** No limit on anything. */
        public static final Limits NONE = new Limits(RateGate.unlimited(), RateGate.unlimited());
    }

    /**
     * @param hostName the host's name for messages
     * @param apiBase the configured API base URL; its origin is the only one that gets the key
     * @param deadline when to stop retrying, or null for never
     * @param limits the host's rate limits, shared by every session of the same account
     */
    public HostSession(
            HttpTransport transport,
            String hostName,
            URI apiBase,
            ApiKey key,
            RetryPolicy retryPolicy,
            EngineScheduler scheduler,
            Instant deadline,
            Limits limits) {
        this.queries = limits.queries();
        this.uploads = limits.uploads();
        this.apiBase = apiBase;
        this.scheduler = scheduler;
        this.text = new HostText(hostName, key);
        this.sender = new AuthenticatingSender(transport, apiBase, key, scope);
        this.retries = new RetryingCaller(sender, text, retryPolicy, scheduler, deadline, scope);
        this.media = new MediaDownload(transport, retries, scope);
    }

    /** The host's name for messages, e.g. {@code Atlas Cloud}. */
    public String hostName() {
        return text.hostName();
    }

    /** The API URL of {@code path} (appended to the base URL's path; {@code path} starts with /). */
    public URI api(String path) {
        String base = apiBase.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    /** The engine clock's current instant. */
    public Instant now() {
        return scheduler.now();
    }

    /** {@code text} without the key, for text that came from a host. */
    public String redact(String hostText) {
        return text.redact(hostText);
    }

    /** The reply's {@code X-Request-ID} for a message (redacted and shortened), or null. */
    public String requestId(HttpReply reply) {
        return text.requestId(reply);
    }

    /** Sends {@code call} once: the key goes only with an API call to the API origin. */
    public CompletableFuture<HttpReply> send(HttpCall call) {
        return sender.send(call);
    }

    /** Sends an idempotent call, repeating it as {@link RetryingCaller#call} does. */
    public <T> CompletableFuture<T> call(
            String what, Supplier<HttpCall> call, Function<HttpReply, Verdict<T>> interpret) {
        return retries.call(what, call, interpret);
    }

    /**
     * Sends an idempotent job query as {@link #call} does, each attempt (retries included) only
     * when the host's query limit, shared with every render of the same account, has room.
     */
    public <T> CompletableFuture<T> query(
            String what, Supplier<HttpCall> call, Function<HttpReply, Verdict<T>> interpret) {
        return limited(queries, what, call, interpret);
    }

    /** Sends an idempotent upload preparation as {@link #query} does, within the host's upload limit. */
    public <T> CompletableFuture<T> prepareUpload(
            String what, Supplier<HttpCall> call, Function<HttpReply, Verdict<T>> interpret) {
        return limited(uploads, what, call, interpret);
    }

    private <T> CompletableFuture<T> limited(
            RateGate gate, String what, Supplier<HttpCall> call, Function<HttpReply, Verdict<T>> interpret) {
        return retries.retrying(what, () -> gate.through(() -> sender.send(call.get())), (reply, error) -> {
            if (error != null) {
                return retries.transportVerdict(what, error);
            }
            return interpret.apply(reply);
        });
    }

    /** The retry loop: {@code attempt} is run until {@code interpret} says done or fail. */
    public <R, T> CompletableFuture<T> retrying(
            String what, Supplier<CompletableFuture<R>> attempt, BiFunction<R, Throwable, Verdict<T>> interpret) {
        return retries.retrying(what, attempt, interpret);
    }

    /** The usual verdict on a connection-level failure. */
    public <T> Verdict<T> transportVerdict(String what, Throwable error) {
        return retries.transportVerdict(what, error);
    }

    /** The usual verdict on a 429 or a 5xx reply that has nothing more to say. */
    public <T> Verdict<T> retryStatus(String what, HttpReply reply, String hostMessage) {
        return retries.retryStatus(what, reply, hostMessage);
    }

    /** Streams a clip from a media URL into {@code file}, as {@link MediaDownload#download} does. */
    public CompletableFuture<DownloadResult> download(URI url, Path file, long maxBytes) {
        return media.download(url, file, maxBytes);
    }

    /** Like {@link #download(URI, Path, long)}, counting the bytes into {@code meter} as they arrive. */
    public CompletableFuture<DownloadResult> download(URI url, Path file, long maxBytes, DownloadMeter meter) {
        return media.download(url, file, maxBytes, meter);
    }

    /** Stops everything in flight and anything scheduled; later calls fail with {@code reason}. */
    public void cancel(RenderException reason) {
        scope.cancel(reason);
    }

    /** Whether {@link #cancel} was called. */
    public boolean isCancelled() {
        return scope.isCancelled();
    }

    /** See {@link Failures#unwrap}. */
    public static Throwable unwrap(Throwable error) {
        return Failures.unwrap(error);
    }
}
