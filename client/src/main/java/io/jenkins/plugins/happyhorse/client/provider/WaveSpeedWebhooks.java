package io.jenkins.plugins.happyhorse.client.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpCall;
import io.jenkins.plugins.happyhorse.client.http.HttpReply;
import io.jenkins.plugins.happyhorse.client.http.Verdict;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.provider.WaveSpeedProvider.Webhook;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookDelivery;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WaveSpeed's signed callbacks, as its documentation describes them ({@link Webhook}): the hex
 * HMAC-SHA256 of {@code {webhook-id}.{webhook-timestamp}.{raw body}}, keyed with the account's
 * secret from {@code GET /api/v3/webhook/secret} without its {@code whsec_} prefix. Compared in
 * constant time.
 */
final class WaveSpeedWebhooks implements HostWebhooks {
    private final URI baseUrl;

    WaveSpeedWebhooks(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public boolean claims(WebhookDelivery delivery) {
        return delivery.has(Webhook.SIGNATURE);
    }

    @Override
    public WebhookEnvelope read(WebhookDelivery delivery) {
        String id = CallbackReading.id(CallbackReading.header(delivery, Webhook.ID), Webhook.ID);
        String stamp = CallbackReading.header(delivery, Webhook.TIMESTAMP);
        Instant timestamp = CallbackReading.unixSeconds(stamp, Webhook.TIMESTAMP);
        signatures(CallbackReading.header(delivery, Webhook.SIGNATURE));
        JsonNode root = CallbackReading.object(delivery);
        String predictionId = CallbackReading.predictionId(root, "id");
        if (predictionId == null) {
            // Tolerated: the same prediction wrapped as the result endpoint wraps it.
            predictionId = CallbackReading.predictionId(Json.object(root, "data"), "id");
        }
        if (predictionId == null) {
            throw new WebhookRefusedException(WebhookRefusal.MALFORMED, "the body names no prediction (no id)");
        }
        return new WebhookEnvelope(
                new JobRef(ProviderId.WAVESPEED, predictionId),
                id,
                timestamp,
                "wavespeed:" + CallbackReading.digest(id + "." + stamp + ".", delivery.body()));
    }

    @Override
    public boolean keysPerAccount() {
        return true;
    }

    @Override
    public CompletableFuture<SigningKeys> fetchKeys(HostSession session) {
        String what = "fetch the webhook secret";
        URI url = session.api(Webhook.SECRET_PATH);
        return session.call(what, () -> HttpCall.api("GET", url, null), reply -> {
            if (!reply.isSuccess()) {
                if (HostErrors.retryable(reply.status())) {
                    return session.retryStatus(what, reply, null);
                }
                return Verdict.fail(HostErrors.definite(session, reply, null, what));
            }
            String secret = secret(reply);
            if (secret == null) {
                // Never quote the reply: it may hold the secret in an unexpected place.
                return Verdict.fail(new ProtocolException(
                        "WaveSpeed's webhook secret reply holds no secret where it was expected (data.secret)."));
            }
            String key = secret.startsWith(Webhook.SECRET_PREFIX)
                    ? secret.substring(Webhook.SECRET_PREFIX.length())
                    : secret;
            if (key.isEmpty()) {
                return Verdict.fail(new ProtocolException("WaveSpeed's webhook secret is empty."));
            }
            return Verdict.success(new Secret(key.getBytes(StandardCharsets.UTF_8)));
        });
    }

    /** The secret in the reply: {@code data.secret}, a bare {@code data} string, or a top-level {@code secret}. */
    private static String secret(HttpReply reply) {
        JsonNode root = Json.parseOrNull(reply);
        if (root == null) {
            return null;
        }
        String s = Json.text(Json.object(root, "data"), "secret");
        if (s == null && root.path("data").isTextual()) {
            s = root.path("data").asText();
        }
        if (s == null) {
            s = Json.text(root, "secret");
        }
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public SignatureCheck verify(SigningKeys keys, WebhookEnvelope envelope, WebhookDelivery delivery) {
        if (!(keys instanceof Secret secret)) {
            return SignatureCheck.refused(WebhookRefusal.KEY_UNAVAILABLE, "no WaveSpeed secret to check against");
        }
        List<byte[]> given;
        try {
            given = signatures(delivery.single(Webhook.SIGNATURE));
        } catch (WebhookRefusedException e) {
            return SignatureCheck.refused(e.reason(), e.getMessage());
        }
        byte[] expected =
                secret.mac(envelope.webhookId() + "." + envelope.timestamp().getEpochSecond() + ".", delivery.body());
        boolean match = false;
        for (byte[] candidate : given) {
            // Every candidate is compared, each in constant time.
            match |= MessageDigest.isEqual(expected, candidate);
        }
        return match
                ? SignatureCheck.genuine()
                : SignatureCheck.tryFreshKeys(WebhookRefusal.BAD_SIGNATURE, "the WaveSpeed signature does not match");
    }

    /** The {@code v3,<hex>} entries of the header (several may be given, separated by blanks). */
    private static List<byte[]> signatures(String header) {
        if (header == null) {
            throw new WebhookRefusedException(WebhookRefusal.MISSING_HEADER, "no single " + Webhook.SIGNATURE);
        }
        List<byte[]> found = new ArrayList<>();
        String[] entries = header.strip().split("\\s+");
        if (entries.length > 8) {
            throw new WebhookRefusedException(WebhookRefusal.MALFORMED, "too many signatures in " + Webhook.SIGNATURE);
        }
        for (String entry : entries) {
            if (entry.startsWith(Webhook.SIGNATURE_VERSION + ",")) {
                String hex = entry.substring(Webhook.SIGNATURE_VERSION.length() + 1);
                if (hex.matches("[0-9a-fA-F]{64}")) {
                    found.add(HexFormat.of().parseHex(hex));
                }
            }
        }
        if (found.isEmpty()) {
            throw new WebhookRefusedException(
                    WebhookRefusal.MALFORMED,
                    Webhook.SIGNATURE + " holds no " + Webhook.SIGNATURE_VERSION + " signature");
        }
        return found;
    }

    @Override
    public String toString() {
        return "WaveSpeedWebhooks{" + baseUrl + "}";
    }

    /** The HMAC key: the account's secret without its prefix, as UTF-8 bytes. */
    private static final class Secret implements SigningKeys {
        private final byte[] key;

        Secret(byte[] key) {
            this.key = key;
        }

        byte[] mac(String prefix, byte[] body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                mac.update(prefix.getBytes(StandardCharsets.UTF_8));
                return mac.doFinal(body);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }

        @Override
        public String toString() {
            return "WaveSpeed webhook secret (****)";
        }
    }
}
