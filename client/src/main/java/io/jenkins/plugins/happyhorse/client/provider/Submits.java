package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpReply;
import io.jenkins.plugins.happyhorse.client.http.RetryingCaller;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How both providers read the one and only submit attempt. */
final class Submits {
    private Submits() {}

    /**
     * A submit that failed below HTTP: when no connection was made, nothing reached the host; any
     * other failure (reset, timeout) leaves the job's existence unknown.
     */
    static RuntimeException transportFailure(HostSession session, Throwable error) {
        if (error instanceof RenderException re) {
            return re;
        }
        if (Failures.isNotConnected(error)) {
            return new ProviderUnavailableException(
                    session.hostName() + " could not be reached to submit the render ("
                            + Failures.describe(error)
                            + "); nothing was submitted. Check the network and proxy settings,"
                            + " then render again.",
                    error);
        }
        return new SubmitReplyLostException(
                "the submit reply from " + session.hostName() + " was lost (" + Failures.describe(error) + ")", error);
    }

    /**
     * A definite refusal of the submit (4xx): nothing was created. A 429 is a {@link
     * RateLimitedException} that says the submit was refused, with the host's {@code Retry-After}.
     */
    static RenderException refusal(HostSession session, HttpReply reply, int status, String hostMessage, String what) {
        String said = hostMessage == null ? "no reason given" : session.redact(hostMessage);
        if (status == 400 || status == 422) {
            return InvalidRequestException.rejectedByHost(session.hostName(), status, said);
        }
        if (status == 429) {
            // The one rule for every host (a provider maps its own 429 words here): the host refused
            // the submit, so no job exists and nothing is charged. The engine waits and submits again.
            return new RateLimitedException(
                    session.hostName() + " is busy: it refused the submit with HTTP 429 (too many requests: " + said
                            + "); no job was created and nothing was charged.",
                    RetryingCaller.retryAfter(reply),
                    true);
        }
        if (status == 404) {
            return new ProtocolException(session.hostName() + " does not know the submit path (HTTP 404: " + said
                    + "); check the model id and the API base URL.");
        }
        return HostErrors.definite(session, reply, hostMessage, what);
    }

    /** A job id made safe to put in a URL path. */
    static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
