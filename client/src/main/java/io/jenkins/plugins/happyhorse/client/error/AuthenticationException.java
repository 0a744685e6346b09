package io.jenkins.plugins.happyhorse.client.error;

/** The host refused the API key (HTTP 401 or 403): the key is wrong, expired or lacks access to the model. */
public final class AuthenticationException extends RenderException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
