package io.jenkins.plugins.happyhorse.client.error;

/** The host refused the request for lack of credit (HTTP 402): top up the account, then render again. */
public final class InsufficientBalanceException extends RenderException {
    private static final long serialVersionUID = 1L;

    public InsufficientBalanceException(String message) {
        super(message);
    }

    public InsufficientBalanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
