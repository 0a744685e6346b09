package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import java.util.Objects;

/**
 * The outcome of checking a callback's signature.
 *
 * @param refusal null when the signature is genuine; otherwise why not
 * @param detail for the log; never key material
 * @param freshKeysMightHelp whether the host's keys may have changed since they were fetched (a
 *     WaveSpeed secret that no longer matches, an Atlas Cloud key id not yet known), so that one
 *     fetch of the keys and one more check are worth it
 */
public record SignatureCheck(WebhookRefusal refusal, String detail, boolean freshKeysMightHelp) {

    /** The signature is the host's. */
    public static SignatureCheck genuine() {
        return new SignatureCheck(null, "signature verified", false);
    }

    /** The signature is not the host's, and fresh keys would not change that. */
    public static SignatureCheck refused(WebhookRefusal reason, String detail) {
        return new SignatureCheck(Objects.requireNonNull(reason, "reason"), detail, false);
    }

    /** The signature does not match these keys; the host's current keys might. */
    public static SignatureCheck tryFreshKeys(WebhookRefusal reason, String detail) {
        return new SignatureCheck(Objects.requireNonNull(reason, "reason"), detail, true);
    }

    public boolean isGenuine() {
        return refusal == null;
    }
}
