package io.jenkins.plugins.happyhorse.client.error;

/** The host kept answering HTTP 429 until the retries ran out: lower the concurrency or try later. */
public final class RateLimitedException extends RenderException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(String message) {
        super(message);
    }

    public RateLimitedException(String message, Throwable cause) {
        super(message, cause);
    }
}
