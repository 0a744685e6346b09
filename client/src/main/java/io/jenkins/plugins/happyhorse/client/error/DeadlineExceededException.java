package io.jenkins.plugins.happyhorse.client.error;

/** The render's overall deadline passed; the job may still finish on the host, so resume from the checkpoint rather than submitting again. */
public final class DeadlineExceededException extends RenderException {
    private static final long serialVersionUID = 1L;

    public DeadlineExceededException(String message) {
        super(message);
    }

    public DeadlineExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
