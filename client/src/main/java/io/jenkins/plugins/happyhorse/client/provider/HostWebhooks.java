package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookDelivery;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How one host calls back when a job ends, and how its callbacks are signed: the only place that
 * knows the host's callback headers, body and signature. Reading and checking are pure; only
 * {@link #fetchKeys} calls the host. The engine keeps the keys, decides when to fetch them again,
 * and applies the rules every host shares (freshness, replay, which jobs are awaited).
 */
public interface HostWebhooks {

    /**
     * What is wrong with {@code url} as this host's callback target, checked before any call;
     * empty when it is fine.
     *
     * @param apiIsLocal whether the host's API base URL is a loopback address (the local
     *     simulator), which may call back a loopback receiver
     */
    default List<Violation> check(URI url, boolean apiIsLocal) {
        // Every host that calls back so far takes the same URLs; one with rules of its own overrides this.
        return WebhookUrls.check(url, apiIsLocal);
    }

    /** Whether {@code delivery} carries this host's signature header, i.e. claims to come from it. */
    boolean claims(WebhookDelivery delivery);

    /**
     * What the delivery claims, read without trusting it: the job, the callback's id and timestamp.
     *
     * @throws io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusedException when a header is
     *     missing, repeated or unreadable, or the body names no job
     */
    WebhookEnvelope read(WebhookDelivery delivery);

    /**
     * Whether the keys depend on the API key (WaveSpeed: one secret per account) rather than on the
     * host alone (Atlas Cloud: one published key set).
     */
    boolean keysPerAccount();

    /** Fetches the host's current signing keys through {@code session} (repeated on 429, 5xx, errors). */
    CompletableFuture<SigningKeys> fetchKeys(HostSession session);

    /** Checks the delivery's signature against {@code keys}; never calls anything, never throws. */
    SignatureCheck verify(SigningKeys keys, WebhookEnvelope envelope, WebhookDelivery delivery);
}
