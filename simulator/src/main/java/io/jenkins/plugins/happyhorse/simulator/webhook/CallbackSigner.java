package io.jenkins.plugins.happyhorse.simulator.webhook;

import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import java.util.Map;

/** How one host signs its completion callbacks: the headers that go with a body. */
public interface CallbackSigner {

    /**
     * The headers of a callback.
     *
     * @param webhookId the callback's id
     * @param timestamp when it was signed, Unix seconds (simulated time)
     * @param body the body exactly as sent
     * @param fault how to spoil the signature: {@code null} for a genuine one, else {@link
     *     WebhookFault.Kind#FORGED}, {@link WebhookFault.Kind#WRONG_KEY} or {@link
     *     WebhookFault.Kind#UNKNOWN_KEY}
     */
    Map<String, String> headers(String webhookId, long timestamp, byte[] body, WebhookFault.Kind fault);
}
