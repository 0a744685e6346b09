package io.jenkins.plugins.happyhorse.client.error;

/**
 * The host reports the job as finished without a clip: failed, refused by moderation, timed out,
 * cancelled or unknown to it. Carries the host's own error text and code when it gave them.
 */
public final class JobFailedException extends RenderException {
    private static final long serialVersionUID = 1L;

    private final String predictionId;
    private final String hostError;
    private final String errorCode;

    public JobFailedException(String message, String predictionId, String hostError, String errorCode) {
        super(message);
        this.predictionId = predictionId;
        this.hostError = hostError;
        this.errorCode = errorCode;
    }

    /** The host's id of the job. */
    public String predictionId() {
        return predictionId;
    }

    /** The host's error text, or null when it gave none. */
    public String hostError() {
        return hostError;
    }

    /** The host's error code (for example {@code 1039}, moderation on Atlas Cloud), or null. */
    public String errorCode() {
        return errorCode;
    }
}
