package io.jenkins.plugins.happyhorse.client.error;

/**
 * The host reports the job as finished without a clip: failed, refused by moderation, timed out,
 * cancelled, or unknown to it (never issued, deleted, or expired). Carries the host's own error text and code when it gave them.
 */
public final class JobFailedException extends RenderException {
    private static final long serialVersionUID = 1L;

    private final String predictionId;
    private final String hostError;
    private final String errorCode;
    private final boolean moderated;

    public JobFailedException(String message, String predictionId, String hostError, String errorCode) {
        this(message, predictionId, hostError, errorCode, false);
    }

    /** @param moderated whether the host refused the job by its content checks */
    public JobFailedException(
            String message, String predictionId, String hostError, String errorCode, boolean moderated) {
        super(message);
        this.predictionId = predictionId;
        this.hostError = hostError;
        this.errorCode = errorCode;
        this.moderated = moderated;
    }

    /** The host's id of the job. */
    public String predictionId() {
        return predictionId;
    }

    /** The host's error text, or null when it gave none. */
    public String hostError() {
        return hostError;
    }

    /**
     * The host's error code (for example {@code 1039}, moderation on Atlas Cloud, or {@code
     * DataInspectionFailed} on Model Studio), or null.
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * Whether the host refused the job by its content checks (moderation, or a suspected
     * infringement of intellectual property): the same request would be refused again, so change
     * the prompt or the images rather than retry.
     */
    public boolean moderated() {
        return moderated;
    }
}
