package io.jenkins.plugins.happyhorse.client.webhook;

import io.jenkins.plugins.happyhorse.client.job.JobRef;
import java.time.Instant;
import java.util.Objects;

/**
 * What a callback claims before its signature is checked: which job it is about, its id and its
 * timestamp. The receiver refuses a stale or replayed callback, or one about a job nobody waits
 * for, on these claims alone, before it spends a request or a signature check on it.
 *
 * @param job the host and the prediction id the body names
 * @param webhookId the callback's id, from its headers
 * @param timestamp when the host claims to have signed it
 * @param replayKey what identifies this exact signed message: the signature covers it, so a
 *     callback replayed under another id still has the same key (Atlas Cloud's signature does not
 *     cover its id)
 */
public record WebhookEnvelope(JobRef job, String webhookId, Instant timestamp, String replayKey) {
    public WebhookEnvelope {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(replayKey, "replayKey");
    }
}
