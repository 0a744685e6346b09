package io.jenkins.plugins.happyhorse.client.error;

/** The downloaded clip is not the clip that was asked for (truncated, not an MP4, wrong duration or picture size); nothing was left at the output path. */
public final class OutputVerificationException extends RenderException {
    private static final long serialVersionUID = 1L;

    public OutputVerificationException(String message) {
        super(message);
    }

    public OutputVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
