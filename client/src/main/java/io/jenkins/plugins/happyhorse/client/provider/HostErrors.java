package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.InsufficientBalanceException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpReply;

/** The HTTP statuses both hosts use the same way, turned into typed failures. */
final class HostErrors {
    private HostErrors() {}

    /** 429 and the 5xx that a later attempt may get past. */
    static boolean retryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** A failure for a status that no retry will change; {@code hostMessage} may be null. */
    static RenderException definite(HostSession session, HttpReply reply, String hostMessage, String what) {
        String host = session.hostName();
        int status = reply.status();
        String said = hostMessage == null || hostMessage.isBlank() ? "" : " (" + session.redact(hostMessage) + ")";
        // The id is the host's text too: redacted like its message.
        String id = session.requestId(reply);
        String requestId = id == null ? "" : " Request id: " + id + ".";
        switch (status) {
            case 401, 403:
                return new AuthenticationException(host + " refused the API key with HTTP " + status + " when asked to "
                        + what + said + ". Check that the key is valid and allowed to use the model, and that the"
                        + " API base URL is right (Atlas Cloud also answers 401 for an unknown path)." + requestId);
            case 402:
                return new InsufficientBalanceException(host + " refused to " + what + " for lack of credit (HTTP 402"
                        + said + "). Top up the account, then render again." + requestId);
            case 413:
                return new ProtocolException(host + " refused to " + what + " because the body is too large (HTTP 413"
                        + said + "). Use smaller images or pass them as https URLs." + requestId);
            case 451:
                return new ProviderUnavailableException(host + " refused to " + what + " from this region (HTTP 451"
                        + said + "). Use another host or a proxy in a supported region." + requestId);
            default:
                if (status >= 300 && status < 400) {
                    return new ProtocolException(host + " answered a redirect (HTTP " + status + ") when asked to "
                            + what + "; the API key is never sent across redirects. Check the API base URL."
                            + requestId);
                }
                return new ProtocolException(host + " answered HTTP " + status + " when asked to " + what + said
                        + ", which this version does not understand." + requestId);
        }
    }
}
