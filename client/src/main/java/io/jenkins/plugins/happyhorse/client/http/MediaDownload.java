package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Streams a clip from a media URL into a file, with no {@code Authorization} header ever.
 * Redirects are followed by hand, at most {@link #MAX_REDIRECTS} hops, only to https (or to
 * loopback http when the first URL was loopback http, i.e. the local simulator). Connection
 * errors, truncated bodies, 429 and 5xx are retried by the {@link RetryingCaller}.
 */
public final class MediaDownload {
    /** Redirect hops followed for a media download. */
    public static final int MAX_REDIRECTS = 3;

    /** What to do when the clip's URL cannot be fetched; appended to those refusals. */
    static final String CLIP_URL_ADVICE = "Download the clip from the host's dashboard, or resume the render"
            + " later from its checkpoint to fetch a fresh URL (resuming never submits again).";

    private final HttpTransport transport;
    private final RetryingCaller retries;
    private final CallScope scope;

    public MediaDownload(HttpTransport transport, RetryingCaller retries, CallScope scope) {
        this.transport = transport;
        this.retries = retries;
        this.scope = scope;
    }

    /** Downloads {@code url} into {@code file}, which exists; refuses a body over {@code maxBytes}. */
    public CompletableFuture<DownloadResult> download(URI url, Path file, long maxBytes) {
        return download(url, file, maxBytes, new DownloadMeter());
    }

    /** Like {@link #download(URI, Path, long)}, counting the bytes into {@code meter} as they arrive. */
    public CompletableFuture<DownloadResult> download(URI url, Path file, long maxBytes, DownloadMeter meter) {
        boolean loopback = Origin.isLoopbackHttp(url);
        try {
            requireMediaUrl(url, loopback, "the clip's output URL", CLIP_URL_ADVICE);
        } catch (RenderException e) {
            return CompletableFuture.failedFuture(e);
        }
        String what = "download the clip from " + Origin.of(url);
        int attempts = retries.maxAttempts();
        return retries.retrying(what, () -> hop(url, file, maxBytes, 0, loopback, meter), (result, error) -> {
            if (error instanceof FileDownloadConsumer.DownloadTooLargeException big) {
                return Verdict.fail(new OutputVerificationException("The clip is larger than the download limit of "
                        + big.max + " bytes; nothing was written to the output path. Raise the limit if the clip is"
                        + " expected to be this large."));
            }
            if (error instanceof RenderException re) {
                return Verdict.fail(re);
            }
            if (error != null) {
                if (Failures.isNotConnected(error)) {
                    return retries.transportVerdict(what, error);
                }
                return Verdict.retry(
                        null,
                        new OutputVerificationException(
                                "The clip could not be downloaded completely after " + attempts + " attempts ("
                                        + Failures.describe(error) + "); nothing was written to the output path."
                                        + " Resume the render to download it again.",
                                error));
            }
            return verdict(result.status(), attempts, result);
        });
    }

    private static Verdict<DownloadResult> verdict(int status, int attempts, DownloadResult result) {
        if (status >= 200 && status < 300) {
            return Verdict.success(result);
        }
        if (status == 429) {
            // Like every other call: a host that keeps saying "too many requests" is rate limiting.
            return Verdict.retry(
                    null,
                    new RateLimitedException("The output URL kept answering 429 (too many requests) after " + attempts
                            + " attempts. Run fewer renders at once, and resume the render in a minute to download"
                            + " it."));
        }
        if (status >= 500) {
            return Verdict.retry(
                    null,
                    new ProviderUnavailableException("The output URL kept answering HTTP " + status + " after "
                            + attempts + " attempts. Resume the render later to download it."));
        }
        if (status >= 300 && status < 400) {
            return Verdict.fail(new ProtocolException("The output URL answered a redirect (HTTP " + status
                    + ") without a Location header. " + CLIP_URL_ADVICE));
        }
        return Verdict.fail(new ProviderUnavailableException("The output URL answered HTTP " + status
                + (status == 404 || status == 410 || status == 403
                        ? "; the host may have expired the clip. Resume the render to fetch a fresh URL, or"
                                + " download it from the host's dashboard."
                        : ". " + CLIP_URL_ADVICE)));
    }

    private CompletableFuture<DownloadResult> hop(
            URI url, Path file, long maxBytes, int hops, boolean loopback, DownloadMeter meter) {
        if (scope.isCancelled()) {
            return scope.refused();
        }
        CompletableFuture<DownloadResult> f =
                scope.track(transport.download(HttpCall.media("GET", url, List.of(), null), file, maxBytes, meter));
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
            return hop(next, file, maxBytes, hops + 1, loopback, meter);
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
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
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
}
