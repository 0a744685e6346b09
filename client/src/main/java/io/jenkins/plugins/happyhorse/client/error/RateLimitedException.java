package io.jenkins.plugins.happyhorse.client.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The host answered HTTP 429 (too many requests). For a call that is repeated (a poll, an upload)
 * the retries ran out; for a submit, the host refused it, so no job exists and nothing is charged
 * ({@link #submitRefused()}): the engine waits and submits again within the render's deadline, and
 * reports this failure only when the deadline would pass first.
 */
public final class RateLimitedException extends RenderException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;
    private final boolean submitRefused;

    public RateLimitedException(String message) {
        this(message, null, false);
    }

    public RateLimitedException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
        this.submitRefused = false;
    }

    /**
     * @param retryAfter the host's {@code Retry-After}, or null when it sent none
     * @param submitRefused whether this is the host's refusal of a submit (no job, no charge)
     */
    public RateLimitedException(String message, Duration retryAfter, boolean submitRefused) {
        super(message);
        this.retryAfter = retryAfter;
        this.submitRefused = submitRefused;
    }

    /** The delay the host asked for, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether the host refused a submit: no job was created and nothing was charged. */
    public boolean submitRefused() {
        return submitRefused;
    }
}
