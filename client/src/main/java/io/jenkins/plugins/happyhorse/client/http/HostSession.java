package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One render's conversation with one host. It is the only place that attaches the API key, and it
 * does so only for API calls whose URL is on the configured API origin; upload, output and
 * redirect URLs never get it. It repeats idempotent calls according to the {@link RetryPolicy}
 * (honouring {@code Retry-After}, stopping at the deadline) with scheduled tasks rather than
 * waiting threads, and it can be cancelled, which aborts the exchange in flight and any pending
 * retry.
 */
public final class HostSession {
    /** Redirect hops followed for a media download. */
    public static final int MAX_REDIRECTS = 3;

    /** Longest request id quoted in a message; a real one is far shorter. */
    private static final int MAX_REQUEST_ID = 100;

    /** What to do when the clip's URL cannot be fetched; appended to those refusals. */
    private static final String CLIP_URL_ADVICE = "Download the clip from the host's dashboard, or resume the render"
            + " later from its checkpoint to fetch a fresh URL (resuming never submits again).";

    private final HttpTransport transport;
    private final String hostName;
    private final URI apiBase;
    private final Origin apiOrigin;
    private final ApiKey key;
    private final RetryPolicy retryPolicy;
    private final EngineScheduler scheduler;
    private final Instant deadline;

    private volatile boolean cancelled;
    private volatile RenderException cancelReason;
    private volatile CompletableFuture<?> inFlight;
    private volatile Cancellable pendingRetry;

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
        this.transport = transport;
        this.hostName = hostName;
        this.apiBase = apiBase;
        this.apiOrigin = Origin.of(apiBase);
        this.key = key;
        this.retryPolicy = retryPolicy;
        this.scheduler = scheduler;
        this.deadline = deadline;
    }

    /** The host's name for messages, e.g. {@code Atlas Cloud}. */
    public String hostName() {
        return hostName;
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
    public String redact(String text) {
        return key.redact(text);
    }

    /**
     * The reply's {@code X-Request-ID} for a message, or null when it has none: redacted like any
     * other text from the host (a hostile host or proxy could echo the key there) and shortened.
     */
    public String requestId(HttpReply reply) {
        String id = reply.requestId();
        if (id == null || id.isBlank()) {
            return null;
        }
        String safe = redact(id.strip());
        return safe.length() > MAX_REQUEST_ID ? safe.substring(0, MAX_REQUEST_ID) + "…" : safe;
    }

    /**
     * Sends {@code call} once. An API call gets {@code Authorization: Bearer …} when, and only
     * when, its URL is on the API origin.
     */
    public CompletableFuture<HttpReply> send(HttpCall call) {
        if (cancelled) {
            return CompletableFuture.failedFuture(cancelReason);
        }
        String authorization = null;
        if (call.api()) {
            if (!Origin.of(call.uri()).equals(apiOrigin)) {
                return CompletableFuture.failedFuture(new ProtocolException("Refused to send the API key to "
                        + Origin.of(call.uri()) + ", which is not the configured API origin " + apiOrigin + "."));
            }
            authorization = "Bearer " + key.reveal();
        }
        CompletableFuture<HttpReply> f = transport.exchange(call, authorization);
        inFlight = f;
        return f;
    }

    /**
     * Sends an idempotent call, repeating it after connection errors and whatever {@code
     * interpret} calls worth a retry.
     *
     * @param what the call's purpose for messages, e.g. {@code "poll prediction abc"}
     */
    public <T> CompletableFuture<T> call(
            String what, Supplier<HttpCall> call, Function<HttpReply, Verdict<T>> interpret) {
        return retrying(what, () -> send(call.get()), (reply, error) -> {
            if (error != null) {
                return transportVerdict(what, error);
            }
            return interpret.apply(reply);
        });
    }

    /** The usual verdict on a connection-level failure: retry, or fail when it is the engine's own error. */
    public <T> Verdict<T> transportVerdict(String what, Throwable error) {
        if (error instanceof RenderException re) {
            return Verdict.fail(re);
        }
        return Verdict.retry(
                null,
                new ProviderUnavailableException(
                        hostName + " could not be reached to " + what + " after "
                                + retryPolicy.maxAttempts() + " attempts (" + describe(error) + "). Check the network"
                                + " and proxy settings, or try again later.",
                        error));
    }

    /** The usual verdict on a 429 or a 5xx reply that has nothing more to say. */
    public <T> Verdict<T> retryStatus(String what, HttpReply reply, String hostMessage) {
        Duration retryAfter = retryAfter(reply);
        String detail = hostMessage == null || hostMessage.isBlank() ? "" : ": " + redact(hostMessage);
        if (reply.status() == 429) {
            return Verdict.retry(
                    retryAfter,
                    new RateLimitedException(hostName + " kept answering 429 (too many requests) to " + what + " after "
                            + retryPolicy.maxAttempts() + " attempts" + detail + ". Run fewer renders at once or try"
                            + " again in a minute."));
        }
        return Verdict.retry(
                retryAfter,
                new ProviderUnavailableException(hostName + " kept failing to " + what + " (HTTP " + reply.status()
                        + detail + requestIdNote(reply) + ") after " + retryPolicy.maxAttempts() + " attempts; the"
                        + " host seems to be having trouble. Try again later."));
    }

    /** The generic retry loop: {@code attempt} is run until {@code interpret} says done or fail. */
    public <R, T> CompletableFuture<T> retrying(
            String what, Supplier<CompletableFuture<R>> attempt, BiFunction<R, Throwable, Verdict<T>> interpret) {
        CompletableFuture<T> result = new CompletableFuture<>();
        runAttempt(1, what, attempt, interpret, result);
        return result;
    }

    private <R, T> void runAttempt(
            int number,
            String what,
            Supplier<CompletableFuture<R>> attempt,
            BiFunction<R, Throwable, Verdict<T>> interpret,
            CompletableFuture<T> result) {
        if (cancelled) {
            result.completeExceptionally(cancelReason);
            return;
        }
        CompletableFuture<R> f;
        try {
            f = attempt.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        inFlight = f;
        CompletableFuture<R> current = f;
        f.whenComplete((reply, error) -> {
            // A waiting render keeps no finished exchange (nor its reply) reachable.
            if (inFlight == current) {
                inFlight = null;
            }
            if (cancelled) {
                result.completeExceptionally(cancelReason);
                return;
            }
            Verdict<T> verdict;
            try {
                verdict = interpret.apply(reply, unwrap(error));
            } catch (RenderException e) {
                verdict = Verdict.fail(e);
            } catch (RuntimeException e) {
                verdict = Verdict.fail(new ProtocolException(
                        hostName + " sent a reply to " + what + " that could not be understood ("
                                + redact(e.getMessage()) + ").",
                        e));
            }
            if (verdict instanceof Verdict.Success<T> s) {
                result.complete(s.value());
            } else if (verdict instanceof Verdict.Fail<T> fail) {
                result.completeExceptionally(fail.error());
            } else {
                Verdict.Retry<T> retry = (Verdict.Retry<T>) verdict;
                scheduleRetry(
                        number, what, retry, () -> runAttempt(number + 1, what, attempt, interpret, result), result);
            }
        });
    }

    private <T> void scheduleRetry(
            int number, String what, Verdict.Retry<T> retry, Runnable next, CompletableFuture<T> result) {
        if (number >= retryPolicy.maxAttempts()) {
            result.completeExceptionally(retry.whenExhausted());
            return;
        }
        Duration delay = retry.retryAfter() != null ? retry.retryAfter() : retryPolicy.backoff(number);
        if (deadline != null && scheduler.now().plus(delay).isAfter(deadline)) {
            result.completeExceptionally(new DeadlineExceededException(
                    "The render's deadline would pass before the next attempt to " + what + " (in "
                            + delay.toSeconds() + " s); last error: "
                            + retry.whenExhausted().getMessage()
                            + " Resume later with the checkpoint, or allow a longer deadline.",
                    retry.whenExhausted()));
            return;
        }
        pendingRetry = scheduler.schedule(next, delay);
        if (cancelled) {
            pendingRetry.cancel();
            result.completeExceptionally(cancelReason);
        }
    }

    /**
     * Streams a media URL (an output clip) into {@code file}, with no {@code Authorization}
     * header. Redirects are followed by hand, at most {@link #MAX_REDIRECTS} hops, only to https
     * (or to loopback http when the first URL was loopback http, i.e. the local simulator).
     * Repeats after connection errors, truncated bodies, 429 and 5xx.
     */
    public CompletableFuture<DownloadResult> download(URI url, Path file, long maxBytes) {
        boolean loopback = Origin.isLoopbackHttp(url);
        try {
            requireMediaUrl(url, loopback, "the clip's output URL", CLIP_URL_ADVICE);
        } catch (RenderException e) {
            return CompletableFuture.failedFuture(e);
        }
        String what = "download the clip from " + Origin.of(url);
        return retrying(what, () -> hop(url, file, maxBytes, 0, loopback), (result, error) -> {
            if (error instanceof FileDownloadConsumer.DownloadTooLargeException big) {
                return Verdict.fail(new OutputVerificationException("The clip is larger than the download limit of "
                        + big.max + " bytes; nothing was written to the output path. Raise the limit if the clip is"
                        + " expected to be this large."));
            }
            if (error instanceof RenderException re) {
                return Verdict.fail(re);
            }
            if (error != null) {
                if (isNotConnected(error)) {
                    return transportVerdict(what, error);
                }
                return Verdict.retry(
                        null,
                        new OutputVerificationException(
                                "The clip could not be downloaded completely after "
                                        + retryPolicy.maxAttempts() + " attempts (" + describe(error) + "); nothing was"
                                        + " written to the output path. Resume the render to download it again.",
                                error));
            }
            int status = result.status();
            if (status >= 200 && status < 300) {
                return Verdict.success(result);
            }
            if (status == 429) {
                // Like every other call: a host that keeps saying "too many requests" is rate limiting.
                return Verdict.retry(
                        null,
                        new RateLimitedException("The output URL kept answering 429 (too many requests) after "
                                + retryPolicy.maxAttempts() + " attempts. Run fewer renders at once, and resume the"
                                + " render in a minute to download it."));
            }
            if (status >= 500) {
                return Verdict.retry(
                        null,
                        new ProviderUnavailableException("The output URL kept answering HTTP " + status + " after "
                                + retryPolicy.maxAttempts() + " attempts. Resume the render later to download it."));
            }
            if (status >= 300 && status < 400) {
                return Verdict.fail(new ProtocolException("The output URL answered a redirect (HTTP " + status
                        + ") without a Location header. " + CLIP_URL_ADVICE));
            }
            return Verdict.fail(new ProviderUnavailableException("The output URL answered HTTP " + status
                    + (status == 404 || status == 410 || status == 403
                            ? "; the host may have expired the clip. Resume the render to fetch a fresh URL,"
                                    + " or download it from the host's dashboard."
                            : ". " + CLIP_URL_ADVICE)));
        });
    }

    private CompletableFuture<DownloadResult> hop(URI url, Path file, long maxBytes, int hops, boolean loopback) {
        if (cancelled) {
            return CompletableFuture.failedFuture(cancelReason);
        }
        CompletableFuture<DownloadResult> f =
                transport.download(HttpCall.media("GET", url, List.of(), null), file, maxBytes);
        inFlight = f;
        return f.thenCompose(result -> {
            if (result.status() < 300 || result.status() >= 400 || result.location() == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (hops >= MAX_REDIRECTS) {
                throw new ProtocolException("The clip's URL redirected more than " + MAX_REDIRECTS
                        + " times; download it from the host's dashboard.");
            }
            URI next;
            try {
                // RFC 3986, not URI.resolve's RFC 2396: "?sig=…" keeps the clip's path.
                next = UriReference.resolve(url, result.location().strip());
            } catch (URISyntaxException e) {
                throw new ProtocolException("The clip's URL redirected to an invalid location. " + CLIP_URL_ADVICE, e);
            }
            requireMediaUrl(next, loopback, "a redirect of the clip's URL", CLIP_URL_ADVICE);
            return hop(next, file, maxBytes, hops + 1, loopback);
        });
    }

    /**
     * Upload and output URLs must be https, or loopback http when talking to the local simulator.
     *
     * @param what the URL's role for the message, e.g. {@code "the clip's output URL"}
     * @param nextStep what the user can do about it, a sentence appended to the message
     * @throws ProtocolException when {@code url} may not be fetched
     */
    public static void requireMediaUrl(URI url, boolean allowLoopbackHttp, String what, String nextStep) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (url.getHost() == null) {
            throw new ProtocolException("The host gave " + what + " without a host name (" + Origin.describe(url)
                    + "), so it cannot be fetched. " + nextStep);
        }
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && allowLoopbackHttp && Origin.isLoopbackHost(url.getHost())) {
            return;
        }
        throw new ProtocolException("Refused " + what + " " + Origin.describe(url)
                + ": only https URLs are fetched (plain http only on loopback for the local simulator). " + nextStep);
    }

    /** Stops everything in flight and anything scheduled; later calls fail with {@code reason}. */
    public void cancel(RenderException reason) {
        cancelReason = reason == null ? new RenderCancelledException("The render was cancelled.") : reason;
        cancelled = true;
        Cancellable retry = pendingRetry;
        if (retry != null) {
            retry.cancel();
        }
        CompletableFuture<?> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
    }

    /** Whether {@link #cancel} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** The delay a reply's {@code Retry-After} asks for, relative to its {@code Date} when present. */
    public static Duration retryAfter(HttpReply reply) {
        Instant senderNow = Instant.now();
        String date = reply.header("date");
        if (date != null) {
            try {
                senderNow = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException e) {
                // Keep our own clock.
            }
        }
        return RetryPolicy.parseRetryAfter(reply.header("retry-after"), senderNow)
                .orElse(null);
    }

    /** The failure behind a future's wrapper exceptions. */
    public static Throwable unwrap(Throwable error) {
        return Failures.unwrap(error);
    }

    /** Whether the request never reached the host (no connection was made), so nothing was received. */
    public static boolean isNotConnected(Throwable error) {
        return Failures.isNotConnected(error);
    }

    /** A short description of a connection-level failure for messages. */
    public static String describe(Throwable error) {
        return Failures.describe(error);
    }

    private String requestIdNote(HttpReply reply) {
        String id = requestId(reply);
        return id == null ? "" : ", request id " + id;
    }
}
