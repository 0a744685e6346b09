package io.jenkins.plugins.happyhorse.client.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpCall;
import io.jenkins.plugins.happyhorse.client.http.Verdict;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.provider.AtlasCloudProvider.Webhook;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.webhook.LogText;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookDelivery;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Atlas Cloud's signed callbacks, as third-party code shows them ({@link Webhook}, all [3rd]):
 * Ed25519 over {@code {timestamp}.{raw body}}, the signature base64url in its own header with the
 * key id, the timestamp and the callback id; the public keys published as a JWKS of {@code OKP} /
 * {@code Ed25519} keys. The hex HMAC header some third-party code mentions for a migration period
 * is ignored: only the Ed25519 signature is accepted.
 */
final class AtlasCloudWebhooks implements HostWebhooks {
    /** An Ed25519 public key's X.509 (SubjectPublicKeyInfo) encoding: this prefix, then the 32 key bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** More keys than this in a key set is not a key set. */
    private static final int MAX_KEYS = 32;

    private final URI baseUrl;

    AtlasCloudWebhooks(URI baseUrl) {
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
        CallbackReading.id(CallbackReading.header(delivery, Webhook.KEY_ID), Webhook.KEY_ID);
        signature(CallbackReading.header(delivery, Webhook.SIGNATURE));
        JsonNode root = CallbackReading.object(delivery);
        String predictionId = CallbackReading.predictionId(Json.object(root, "data"), "id");
        if (predictionId == null) {
            predictionId = CallbackReading.predictionId(root, "id");
        }
        if (predictionId == null) {
            throw new WebhookRefusedException(WebhookRefusal.MALFORMED, "the body names no prediction (no data.id)");
        }
        // The signature does not cover the callback's id: the signed message itself identifies a replay.
        return new WebhookEnvelope(
                new JobRef(ProviderId.ATLASCLOUD, predictionId),
                id,
                timestamp,
                "atlascloud:" + CallbackReading.digest(stamp + ".", delivery.body()));
    }

    @Override
    public boolean keysPerAccount() {
        return false;
    }

    @Override
    public CompletableFuture<SigningKeys> fetchKeys(HostSession session) {
        String what = "fetch the webhook signing keys";
        URI url = session.api(Webhook.JWKS_PATH);
        return session.call(what, () -> HttpCall.api("GET", url, null), reply -> {
            if (!reply.isSuccess()) {
                return AtlasCloudProvider.statusVerdict(session, reply, what);
            }
            JsonNode root = Json.parseOrNull(reply);
            JsonNode keys = root == null ? null : root.get("keys");
            if (keys == null || !keys.isArray()) {
                return Verdict.fail(new ProtocolException("Atlas Cloud's webhook key set has no keys list."
                        + AtlasCloudProvider.requestId(session, reply)));
            }
            Map<String, PublicKey> byId = new LinkedHashMap<>();
            for (JsonNode key : keys) {
                if (byId.size() == MAX_KEYS) {
                    break;
                }
                String kid = Json.text(key, "kid");
                PublicKey publicKey = ed25519(key);
                if (kid != null && publicKey != null) {
                    byId.putIfAbsent(kid, publicKey);
                }
            }
            return Verdict.success(new KeySet(Map.copyOf(byId)));
        });
    }

    /** An {@code OKP}/{@code Ed25519} signing key of the set, or null for any other kind. */
    private static PublicKey ed25519(JsonNode jwk) {
        if (!"OKP".equals(Json.text(jwk, "kty")) || !"Ed25519".equals(Json.text(jwk, "crv"))) {
            return null;
        }
        String use = Json.text(jwk, "use");
        String alg = Json.text(jwk, "alg");
        if ((use != null && !use.equals("sig")) || (alg != null && !alg.equals("EdDSA") && !alg.equals("Ed25519"))) {
            return null;
        }
        String x = Json.text(jwk, "x");
        if (x == null) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(x);
            if (raw.length != 32) {
                return null;
            }
            byte[] encoded = new byte[X509_PREFIX.length + raw.length];
            System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
            System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public SignatureCheck verify(SigningKeys keys, WebhookEnvelope envelope, WebhookDelivery delivery) {
        if (!(keys instanceof KeySet set)) {
            return SignatureCheck.refused(WebhookRefusal.KEY_UNAVAILABLE, "no Atlas Cloud key set to check against");
        }
        String kid = delivery.single(Webhook.KEY_ID);
        byte[] signature;
        try {
            signature = signature(delivery.single(Webhook.SIGNATURE));
        } catch (WebhookRefusedException e) {
            return SignatureCheck.refused(e.reason(), e.getMessage());
        }
        PublicKey key = kid == null ? null : set.keys().get(kid.strip());
        if (key == null) {
            return SignatureCheck.tryFreshKeys(
                    WebhookRefusal.UNKNOWN_KEY, "Atlas Cloud publishes no key " + LogText.glimpse(kid));
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update((envelope.timestamp().getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
            verifier.update(delivery.body());
            if (verifier.verify(signature)) {
                return SignatureCheck.genuine();
            }
        } catch (GeneralSecurityException e) {
            // A signature the JDK cannot even parse is no signature.
        }
        // The key of that id is known; another fetch would bring the same key.
        return SignatureCheck.refused(
                WebhookRefusal.BAD_SIGNATURE, "the Ed25519 signature does not match key " + LogText.glimpse(kid));
    }

    /** The 64 signature bytes from base64url (padding optional). */
    private static byte[] signature(String header) {
        if (header == null) {
            throw new WebhookRefusedException(WebhookRefusal.MISSING_HEADER, "no single " + Webhook.SIGNATURE);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            throw new WebhookRefusedException(WebhookRefusal.MALFORMED, Webhook.SIGNATURE + " is not base64url");
        }
        if (bytes.length != 64) {
            throw new WebhookRefusedException(
                    WebhookRefusal.MALFORMED, Webhook.SIGNATURE + " holds " + bytes.length + " bytes, not 64");
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "AtlasCloudWebhooks{" + baseUrl + "}";
    }

    /** The published keys by id. */
    private record KeySet(Map<String, PublicKey> keys) implements SigningKeys {
        @Override
        public String toString() {
            return "Atlas Cloud webhook keys " + keys.keySet();
        }
    }
}
