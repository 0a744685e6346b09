package io.jenkins.plugins.happyhorse.simulator.http;

/**
 * Thrown by a handler to answer with an error status; the host's style shapes the body. The
 * message is what the host tells the client, so it must never contain a key.
 */
public final class HttpProblem extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient java.time.Duration retryAfter;

    public HttpProblem(int status, String message) {
        this(status, message, null);
    }

    /** A problem whose reply carries {@code Retry-After} (where the host's style sends one). */
    public HttpProblem(int status, String message, java.time.Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The delay to announce, or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }
}
