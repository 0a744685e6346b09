package io.jenkins.plugins.happyhorse.client.error;

/** The host could not be reached or kept failing (connection errors, 5xx) until the retries ran out. */
public final class ProviderUnavailableException extends RenderException {
    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
