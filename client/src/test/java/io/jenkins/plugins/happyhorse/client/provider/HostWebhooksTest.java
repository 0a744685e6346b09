package io.jenkins.plugins.happyhorse.client.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpTransport;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookDelivery;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusedException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each host's callback signature, checked against signatures computed here with the JDK alone:
 * WaveSpeed's hex HMAC keyed with the secret's characters after {@code whsec_}, Atlas Cloud's
 * Ed25519 against a JWKS; and the secret and key-set replies as the hosts may shape them.
 */
class HostWebhooksTest {
    private static final String KEY = "sk-hooks-test-3c3c";
    private static final String SECRET = "whsec_c2VjcmV0LXRlc3QtdmFsdWU=";
    private static final Instant T = Instant.parse("2026-05-01T12:00:00Z");

    private ScriptedHost host;
    private HttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        host = new ScriptedHost();
        transport = new HttpTransport(ProxySettings.none(), Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
    }

    @AfterEach
    void stop() {
        transport.close();
        host.close();
    }

    @Test
    void waveSpeedHmacIsKeyedWithTheSecretAfterItsPrefixNotBase64Decoded() throws Exception {
        HostWebhooks hooks = new WaveSpeedProvider(host.base("")).webhooks().orElseThrow();
        host.reply(200, "{\"code\":200,\"message\":\"success\",\"data\":{\"secret\":\"" + SECRET + "\"}}");
        SigningKeys keys = hooks.fetchKeys(session(host.base(""))).get(20, TimeUnit.SECONDS);
        assertThat(keys.toString()).doesNotContain("c2VjcmV0");
        assertThat(host.received.get(0).path()).isEqualTo("/api/v3/webhook/secret");
        assertThat(host.received.get(0).headers().get("Authorization")).containsExactly("Bearer " + KEY);

        byte[] body = "{\"id\":\"pred-1\",\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
        String mac = hmacHex(SECRET.substring(6), "msg_1." + T.getEpochSecond() + ".", body);
        WebhookDelivery genuine = waveSpeed("msg_1", T, "v3," + mac, body);
        WebhookEnvelope e = hooks.read(genuine);
        assertThat(e.job().predictionId()).isEqualTo("pred-1");
        assertThat(e.timestamp()).isEqualTo(T);
        assertThat(hooks.verify(keys, e, genuine).isGenuine()).isTrue();

        // Several signatures may be given (a secret in rotation): one genuine is enough.
        WebhookDelivery several = waveSpeed("msg_1", T, "v3," + "00".repeat(32) + " v3," + mac, body);
        assertThat(hooks.verify(keys, hooks.read(several), several).isGenuine()).isTrue();

        // Keyed with the base64-decoded secret instead, it does not verify.
        byte[] decoded = Base64.getDecoder().decode(SECRET.substring(6));
        String wrong =
                hmacHex(new String(decoded, StandardCharsets.ISO_8859_1), "msg_1." + T.getEpochSecond() + ".", body);
        WebhookDelivery decodedKey = waveSpeed("msg_1", T, "v3," + wrong, body);
        SignatureCheck check = hooks.verify(keys, hooks.read(decodedKey), decodedKey);
        assertThat(check.refusal()).isEqualTo(WebhookRefusal.BAD_SIGNATURE);
        assertThat(check.freshKeysMightHelp()).isTrue();
    }

    @Test
    void theWaveSpeedSecretIsReadFromEachPlausibleShapeAndNeverQuoted() throws Exception {
        HostWebhooks hooks = new WaveSpeedProvider(host.base("")).webhooks().orElseThrow();
        host.reply(200, "{\"code\":200,\"data\":\"" + SECRET + "\"}")
                .reply(200, "{\"secret\":\"" + SECRET + "\"}")
                .reply(200, "{\"code\":200,\"data\":{\"other\":\"" + SECRET + "\"}}")
                .reply(200, "{\"code\":200,\"data\":{\"secret\":\"whsec_\"}}");
        byte[] body = "{\"id\":\"p\"}".getBytes(StandardCharsets.UTF_8);
        String mac = hmacHex(SECRET.substring(6), "m." + T.getEpochSecond() + ".", body);
        WebhookDelivery d = waveSpeed("m", T, "v3," + mac, body);
        for (int i = 0; i < 2; i++) {
            SigningKeys keys = hooks.fetchKeys(session(host.base(""))).get(20, TimeUnit.SECONDS);
            assertThat(hooks.verify(keys, hooks.read(d), d).isGenuine()).isTrue();
        }
        for (int i = 0; i < 2; i++) {
            try {
                hooks.fetchKeys(session(host.base(""))).get(20, TimeUnit.SECONDS);
                throw new AssertionError("expected a failure");
            } catch (ExecutionException failure) {
                Throwable cause = HostSession.unwrap(failure.getCause());
                assertThat(cause).isInstanceOf(ProtocolException.class);
                assertThat(cause.getMessage()).doesNotContain("c2VjcmV0");
            }
        }
    }

    @Test
    void atlasEd25519IsCheckedAgainstThePublishedKeyOfItsId() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        host.reply(200, "{\"keys\":[" + jwk("k-rsa-like", other, "RSA") + "," + jwk("k1", pair, "OKP") + "]}");
        HostWebhooks hooks =
                new AtlasCloudProvider(host.base("/api/v1")).webhooks().orElseThrow();
        SigningKeys keys = hooks.fetchKeys(session(host.base("/api/v1"))).get(20, TimeUnit.SECONDS);
        assertThat(host.received.get(0).path()).isEqualTo("/api/v1/webhooks/jwks.json");
        assertThat(keys.toString()).contains("k1").doesNotContain("k-rsa-like");

        byte[] body =
                "{\"event\":\"video.task.terminal\",\"data\":{\"id\":\"pred-9\"}}".getBytes(StandardCharsets.UTF_8);
        WebhookDelivery genuine = atlas("evt_1", T, "k1", sign(pair, T.getEpochSecond() + ".", body), body);
        WebhookEnvelope e = hooks.read(genuine);
        assertThat(e.job().predictionId()).isEqualTo("pred-9");
        assertThat(hooks.verify(keys, e, genuine).isGenuine()).isTrue();

        WebhookDelivery otherKey = atlas("evt_1", T, "k1", sign(other, T.getEpochSecond() + ".", body), body);
        SignatureCheck bad = hooks.verify(keys, hooks.read(otherKey), otherKey);
        assertThat(bad.refusal()).isEqualTo(WebhookRefusal.BAD_SIGNATURE);
        assertThat(bad.freshKeysMightHelp()).as("the key of that id is known").isFalse();

        WebhookDelivery unknown = atlas("evt_1", T, "k2", sign(pair, T.getEpochSecond() + ".", body), body);
        SignatureCheck notKnown = hooks.verify(keys, hooks.read(unknown), unknown);
        assertThat(notKnown.refusal()).isEqualTo(WebhookRefusal.UNKNOWN_KEY);
        assertThat(notKnown.freshKeysMightHelp()).isTrue();

        // The id is not signed: the same message under another id has the same replay key.
        WebhookDelivery renamed = atlas("evt_2", T, "k1", sign(pair, T.getEpochSecond() + ".", body), body);
        assertThat(hooks.read(renamed).replayKey()).isEqualTo(e.replayKey());
    }

    @Test
    void unreadableCallbacksAreRefusedBeforeAnythingIsChecked() {
        HostWebhooks ws = new WaveSpeedProvider(host.base("")).webhooks().orElseThrow();
        byte[] body = "{\"id\":\"p\"}".getBytes(StandardCharsets.UTF_8);
        String sig = "v3," + "ab".repeat(32);
        assertRefused(ws, waveSpeed(null, T, sig, body), WebhookRefusal.MISSING_HEADER);
        assertRefused(ws, waveSpeed("id with blanks", T, sig, body), WebhookRefusal.MALFORMED);
        assertRefused(ws, waveSpeed("m", T, "v3,xyz", body), WebhookRefusal.MALFORMED);
        assertRefused(
                ws, waveSpeed("m", T, sig, "{\"id\":7}".getBytes(StandardCharsets.UTF_8)), WebhookRefusal.MALFORMED);
        assertRefused(ws, waveSpeed("m", T, sig, "null".getBytes(StandardCharsets.UTF_8)), WebhookRefusal.MALFORMED);
        byte[] longId = ("{\"id\":\"" + "x".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertRefused(ws, waveSpeed("m", T, sig, longId), WebhookRefusal.MALFORMED);

        HostWebhooks ac =
                new AtlasCloudProvider(host.base("/api/v1")).webhooks().orElseThrow();
        String ed = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        assertRefused(ac, atlas("e", T, null, ed, body), WebhookRefusal.MISSING_HEADER);
        assertRefused(ac, atlas("e", T, "k", "not base64!", body), WebhookRefusal.MALFORMED);
        assertRefused(ac, atlas("e", T, "k", ed, "{}".getBytes(StandardCharsets.UTF_8)), WebhookRefusal.MALFORMED);
    }

    private static void assertRefused(HostWebhooks hooks, WebhookDelivery d, WebhookRefusal reason) {
        assertThatThrownBy(() -> hooks.read(d))
                .isInstanceOf(WebhookRefusedException.class)
                .satisfies(
                        e -> assertThat(((WebhookRefusedException) e).reason()).isEqualTo(reason));
    }

    private HostSession session(URI base) {
        return new HostSession(
                transport,
                "Test Host",
                base,
                ApiKey.of(KEY),
                RetryPolicy.builder().random(new Random(1)).build(),
                new SteppedScheduler(),
                null);
    }

    private static WebhookDelivery waveSpeed(String id, Instant at, String signature, byte[] body) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        if (id != null) {
            h.put("Webhook-Id", List.of(id));
        }
        h.put("Webhook-Timestamp", List.of(Long.toString(at.getEpochSecond())));
        h.put("Webhook-Signature", List.of(signature));
        return WebhookDelivery.of(h, body);
    }

    private static WebhookDelivery atlas(String id, Instant at, String keyId, String signature, byte[] body) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("X-AtlasCloud-Webhook-Id", List.of(id));
        h.put("X-AtlasCloud-Webhook-Timestamp", List.of(Long.toString(at.getEpochSecond())));
        if (keyId != null) {
            h.put("X-AtlasCloud-Webhook-Key-Id", List.of(keyId));
        }
        h.put("X-AtlasCloud-Webhook-Signature-Ed25519", List.of(signature));
        return WebhookDelivery.of(h, body);
    }

    private static String jwk(String kid, KeyPair pair, String kty) {
        byte[] encoded = pair.getPublic().getEncoded();
        String x =
                Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(encoded, 12, encoded.length));
        return "{\"kty\":\"" + kty + "\",\"crv\":\"Ed25519\",\"kid\":\"" + kid + "\",\"x\":\"" + x
                + "\",\"use\":\"sig\"}";
    }

    private static String sign(KeyPair pair, String prefix, byte[] body) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(prefix.getBytes(StandardCharsets.UTF_8));
        s.update(body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }

    private static String hmacHex(String key, String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.ISO_8859_1), "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
