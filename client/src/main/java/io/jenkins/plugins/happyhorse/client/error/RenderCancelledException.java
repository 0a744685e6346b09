package io.jenkins.plugins.happyhorse.client.error;

/** The caller cancelled the render; neither host can cancel a job, so a submitted job may still run and be billed. */
public final class RenderCancelledException extends RenderException {
    private static final long serialVersionUID = 1L;

    public RenderCancelledException(String message) {
        super(message);
    }

    public RenderCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
