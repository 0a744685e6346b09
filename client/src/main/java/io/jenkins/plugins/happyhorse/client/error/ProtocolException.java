package io.jenkins.plugins.happyhorse.client.error;

/** A host reply that cannot be understood (malformed JSON, missing fields, an unexpected redirect). */
public final class ProtocolException extends RenderException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
