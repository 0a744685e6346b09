package io.jenkins.plugins.happyhorse.client.webhook;

import io.jenkins.plugins.happyhorse.client.job.JobRef;
import java.util.Objects;
import java.util.Optional;

/**
 * What the receiver made of a callback: accepted (a render waiting for its job was woken to ask the
 * host now) or refused, with the reason and a sentence for the receiver's own log. The answer to
 * the sender is {@link #httpStatus()} alone, with no body: the reason and the detail are never sent
 * back, so that a forger learns nothing from trying.
 */
public final class WebhookVerdict {
    /** The status of an accepted callback. */
    public static final int ACCEPTED = 204;
    /** The status of every refusal but a body too large. */
    public static final int REFUSED = 400;
    /** The status of a body too large. */
    public static final int TOO_LARGE = 413;

    private final JobRef job;
    private final WebhookRefusal refusal;
    private final String detail;

    private WebhookVerdict(JobRef job, WebhookRefusal refusal, String detail) {
        this.job = job;
        this.refusal = refusal;
        this.detail = detail;
    }

    /** A callback about {@code job} that woke the renders waiting for it. */
    public static WebhookVerdict accepted(JobRef job, String detail) {
        return new WebhookVerdict(Objects.requireNonNull(job, "job"), null, LogText.clean(detail));
    }

    /** A refused callback; {@code job} when the callback named one, else null. */
    public static WebhookVerdict refused(WebhookRefusal reason, JobRef job, String detail) {
        return new WebhookVerdict(job, Objects.requireNonNull(reason, "reason"), LogText.clean(detail));
    }

    public boolean isAccepted() {
        return refusal == null;
    }

    /** Why it was refused; empty when accepted. */
    public Optional<WebhookRefusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The job the callback named, when it named one that could be read. */
    public Optional<JobRef> job() {
        return Optional.ofNullable(job);
    }

    /** One line for the receiver's log; never for the sender. */
    public String detail() {
        return detail;
    }

    /** The plain status to answer with: 204 accepted, 413 too large, 400 every other refusal. */
    public int httpStatus() {
        if (refusal == null) {
            return ACCEPTED;
        }
        return refusal == WebhookRefusal.TOO_LARGE ? TOO_LARGE : REFUSED;
    }

    @Override
    public String toString() {
        return (refusal == null ? "accepted" : "refused (" + refusal.name().toLowerCase(java.util.Locale.ROOT) + ")")
                + ": " + detail;
    }
}
