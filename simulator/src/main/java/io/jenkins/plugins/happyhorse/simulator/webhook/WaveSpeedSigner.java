package io.jenkins.plugins.happyhorse.simulator.webhook;

import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WaveSpeed's callback signature, as its documentation describes it: headers {@code webhook-id},
 * {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature: v3,<hex>}, the hex
 * HMAC-SHA256 of {@code {id}.{timestamp}.{raw body}} keyed with the account's secret ({@code GET
 * /api/v3/webhook/secret}) without its {@code whsec_} prefix, its characters taken as they are
 * (not base64-decoded). One secret per account; {@link #rotate()} replaces it. Thread-safe.
 */
public final class WaveSpeedSigner implements CallbackSigner {
    /** The prefix of the secret as the host hands it out. */
    public static final String PREFIX = "whsec_";

    private final SplittableRandom random;
    private volatile String secret;

    public WaveSpeedSigner(long seed) {
        this.random = new SplittableRandom(seed ^ 0x5741564553504545L);
        this.secret = newSecret();
    }

    /** The secret as {@code GET /api/v3/webhook/secret} returns it, {@code whsec_…}. */
    public String secret() {
        return secret;
    }

    /** Replaces the secret, as a user rotating it in the dashboard would. */
    public void rotate() {
        secret = newSecret();
    }

    @Override
    public Map<String, String> headers(String webhookId, long timestamp, byte[] body, WebhookFault.Kind fault) {
        String key =
                fault == WebhookFault.Kind.WRONG_KEY || fault == WebhookFault.Kind.UNKNOWN_KEY ? newSecret() : secret;
        byte[] mac = hmac(key.substring(PREFIX.length()), webhookId + "." + timestamp + ".", body);
        if (fault == WebhookFault.Kind.FORGED) {
            mac[0] ^= 0x01;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", "v3," + HexFormat.of().formatHex(mac));
        return headers;
    }

    /** HMAC-SHA256 of {@code prefix} followed by {@code body}, keyed with {@code key}'s UTF-8 bytes. */
    static byte[] hmac(String key, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private String newSecret() {
        byte[] bytes = new byte[24];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "WaveSpeedSigner{secret=****}";
    }
}
