package io.jenkins.plugins.happyhorse.simulator.http;

/**
 * Thrown by a handler to answer with an error status; the host's style shapes the body. The
 * message is what the host tells the client, so it must never contain a key.
 */
public final class HttpProblem extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
