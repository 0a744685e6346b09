package io.jenkins.plugins.happyhorse.client.error;

import java.time.Instant;

/**
 * The reply to the submit was lost and the host could not tell whether the job exists. The engine
 * never submits again by itself; the message names the request digest and the submit time so the
 * user can look the job up on the host before deciding to render again.
 */
public final class SubmissionUncertainException extends RenderException {
    private static final long serialVersionUID = 1L;

    private final String requestDigest;
    private final Instant submittedAt;
    private final boolean noJobFound;

    public SubmissionUncertainException(String message, String requestDigest, Instant submittedAt, Throwable cause) {
        this(message, requestDigest, submittedAt, cause, false);
    }

    /**
     * @param noJobFound whether the host was asked and shows no job for the submit (it most likely
     *     never arrived, and nothing was charged)
     */
    public SubmissionUncertainException(
            String message, String requestDigest, Instant submittedAt, Throwable cause, boolean noJobFound) {
        super(message, cause);
        this.requestDigest = requestDigest;
        this.submittedAt = submittedAt;
        this.noJobFound = noJobFound;
    }

    /** SHA-256 of the canonical request. */
    public String requestDigest() {
        return requestDigest;
    }

    /** When the submit was sent (engine clock). */
    public Instant submittedAt() {
        return submittedAt;
    }

    /** Whether the host was asked and shows no job for this submit: nothing was charged. */
    public boolean noJobFound() {
        return noJobFound;
    }
}
