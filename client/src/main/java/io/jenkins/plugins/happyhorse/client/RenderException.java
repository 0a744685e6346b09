package io.jenkins.plugins.happyhorse.client;

/**
 * Why a render did not produce a verified clip. Every subclass's message says what happened and
 * what to do next, and never contains the API key.
 */
public class RenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
