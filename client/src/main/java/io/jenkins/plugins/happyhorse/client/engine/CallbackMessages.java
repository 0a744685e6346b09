package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.http.Origin;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.webhook.LogText;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * The sentences about completion callbacks: progress events of a render that listens, and the
 * details of the receiver's verdicts (for the receiver's own log, never for the sender). None holds
 * a key, a secret or a callback's body; what a stranger sent is quoted shortened, on one line.
 */
final class CallbackMessages {
    private CallbackMessages() {}

    static String asking(ProviderId host, URI url) {
        // The URL without its query: a token there is the user's business, not the log's.
        return "asking " + host.displayName() + " to call back at " + Origin.describe(url)
                + " when the job ends; polling slowly meanwhile in case the callback is lost";
    }

    static String cannotAsk(ProviderId host) {
        return host.displayName() + " cannot be asked to call back per render; polling as usual";
    }

    static String listening(String id) {
        return "listening for the host's callback about prediction " + id + "; asking the host once now";
    }

    static String woken(ProviderId host, String id) {
        return host.displayName() + " called back about prediction " + id + "; asking it now";
    }

    static String accepted(WebhookEnvelope e, int renders) {
        return "accepted " + verified(e) + "; " + renders + (renders == 1 ? " render asks" : " renders ask")
                + " the host now";
    }

    static String stale(WebhookEnvelope e, Instant now, Duration limit) {
        return describe(e) + " is " + Duration.between(e.timestamp(), now).toSeconds() + " s old (limit "
                + limit.toSeconds() + " s)";
    }

    static String ahead(WebhookEnvelope e, Instant now, Duration limit) {
        return describe(e) + " is dated " + Duration.between(now, e.timestamp()).toSeconds() + " s ahead (limit "
                + limit.toSeconds() + " s)";
    }

    static String replayed(WebhookEnvelope e) {
        return describe(e) + " was accepted before";
    }

    static String notAwaited(WebhookEnvelope e) {
        return describe(e) + ": no render of this engine waits for it";
    }

    static String refused(WebhookEnvelope e, String why) {
        return describe(e) + ": " + why;
    }

    /**
     * A callback not (or not yet) verified: its ids are a stranger's words, so only their start is
     * shown (a forger could send anything, a key included, to have it copied into the log).
     */
    static String describe(WebhookEnvelope e) {
        JobRef job = e.job();
        return job.provider().displayName() + " callback " + LogText.glimpse(e.webhookId()) + " about prediction "
                + LogText.glimpse(job.predictionId());
    }

    /** A callback whose signature matched: the host vouches for its ids, shown in full. */
    static String verified(WebhookEnvelope e) {
        JobRef job = e.job();
        return job.provider().displayName() + " callback " + LogText.quote(e.webhookId()) + " about prediction "
                + LogText.quote(job.predictionId());
    }
}
