package io.jenkins.plugins.happyhorse.client.webhook;

import java.util.Objects;

/**
 * A callback refused while it was read or verified. Its message is for logs only: it names what
 * was wrong and never repeats a secret, a key or the body.
 */
public final class WebhookRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final WebhookRefusal reason;

    public WebhookRefusedException(WebhookRefusal reason, String detail) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public WebhookRefusal reason() {
        return reason;
    }
}
