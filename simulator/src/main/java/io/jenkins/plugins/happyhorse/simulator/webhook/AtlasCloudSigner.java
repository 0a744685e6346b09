package io.jenkins.plugins.happyhorse.simulator.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Atlas Cloud's callback signature as third-party code shows it (not its own documentation):
 * Ed25519 over {@code {timestamp}.{raw body}}, sent in {@code X-AtlasCloud-Webhook-Signature-Ed25519}
 * (base64url) with {@code -Key-Id}, {@code -Timestamp} (Unix seconds) and {@code -Id}, the public
 * keys published as a JWKS at {@code /api/v1/webhooks/jwks.json}. The key pair is generated when
 * the simulator starts; {@link #rotate()} makes a new one and publishes both. Thread-safe.
 */
public final class AtlasCloudSigner implements CallbackSigner {
    public static final String SIGNATURE = "X-AtlasCloud-Webhook-Signature-Ed25519";
    public static final String KEY_ID = "X-AtlasCloud-Webhook-Key-Id";
    public static final String TIMESTAMP = "X-AtlasCloud-Webhook-Timestamp";
    public static final String ID = "X-AtlasCloud-Webhook-Id";
    public static final String EVENT = "X-AtlasCloud-Webhook-Event";
    /** The event of a job that reached its final status. */
    public static final String TERMINAL_EVENT = "video.task.terminal";

    /** An Ed25519 public key's X.509 encoding is this prefix and the 32 key bytes. */
    private static final int X509_PREFIX = 12;

    private final AtomicInteger generation = new AtomicInteger();
    private volatile Keys current;
    private volatile Keys previous;

    private record Keys(String id, KeyPair pair) {}

    public AtlasCloudSigner() {
        this.current = newKeys();
    }

    /** Makes a new key pair, signs with it from now on, and keeps publishing the old one too. */
    public void rotate() {
        Keys next = newKeys();
        previous = current;
        current = next;
    }

    /** The key id callbacks are signed under now. */
    public String keyId() {
        return current.id();
    }

    /** The published keys, {@code {"keys": [{kty: OKP, crv: Ed25519, kid, x, use: sig, alg: EdDSA}]}}. */
    public ObjectNode jwks() {
        ObjectNode root = Json.object();
        ArrayNode keys = root.putArray("keys");
        for (Keys k : new Keys[] {current, previous}) {
            if (k == null) {
                continue;
            }
            byte[] encoded = k.pair().getPublic().getEncoded();
            keys.addObject()
                    .put("kty", "OKP")
                    .put("crv", "Ed25519")
                    .put("kid", k.id())
                    .put("use", "sig")
                    .put("alg", "EdDSA")
                    .put("x", base64url(Arrays.copyOfRange(encoded, X509_PREFIX, encoded.length)));
        }
        return root;
    }

    @Override
    public Map<String, String> headers(String webhookId, long timestamp, byte[] body, WebhookFault.Kind fault) {
        Keys keys = current;
        String keyId = keys.id();
        KeyPair signing = keys.pair();
        if (fault == WebhookFault.Kind.WRONG_KEY) {
            signing = newPair();
        } else if (fault == WebhookFault.Kind.UNKNOWN_KEY) {
            signing = newPair();
            keyId = "unpublished-" + keyId;
        }
        byte[] signature = sign(signing, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        if (fault == WebhookFault.Kind.FORGED) {
            signature[7] ^= 0x20;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EVENT, TERMINAL_EVENT);
        headers.put(ID, webhookId);
        headers.put(TIMESTAMP, Long.toString(timestamp));
        headers.put(KEY_ID, keyId);
        headers.put(SIGNATURE, base64url(signature));
        return headers;
    }

    private static byte[] sign(KeyPair pair, byte[] prefix, byte[] body) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(prefix);
            signer.update(body);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK from 15 on", e);
        }
    }

    private Keys newKeys() {
        return new Keys(String.format(Locale.ROOT, "sim-ed25519-%d", generation.incrementAndGet()), newPair());
    }

    private static KeyPair newPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK from 15 on", e);
        }
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "AtlasCloudSigner{keyId=" + current.id() + "}";
    }
}
