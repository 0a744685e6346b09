package io.jenkins.plugins.happyhorse.client.http;

/**
 * The submit was sent but no usable reply came back (connection reset, response timeout, a 5xx
 * without a job id): the host may have created, and billed, the job. The engine resolves this by
 * asking the host, never by submitting again; it is not shown to users as such.
 */
public final class SubmitReplyLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubmitReplyLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
