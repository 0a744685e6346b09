package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hosts' completion callbacks: sent once when a job ends, on the simulator's clock, signed as
 * each host documents (checked here with the JDK's own HMAC and Ed25519, not the simulator's code),
 * refused on submit when the URL is not https, and spoilt on purpose by the webhook faults. Jobs
 * take 100 s; the timer fires only when the test advances the manual clock.
 */
class WebhookCallbacksTest extends SimulatorTestSupport {
    private final CallbackReceiver receiver = newReceiver();
    private final ManualTimer timer = new ManualTimer(clock);

    private static CallbackReceiver newReceiver() {
        try {
            return new CallbackReceiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder.webhookTimer(timer).trustWebhookCertificate(receiver.tls.certificate());
    }

    @AfterEach
    void stopReceiver() throws InterruptedException {
        receiver.close();
    }

    @Test
    void waveSpeedCallsBackOnceWhenTheJobEndsSignedWithTheAccountSecret() throws Exception {
        Instant submitted = clock.instant();
        String id = submitWaveSpeedWithWebhook(receiver.url("/hook?build=7"));
        advance(Duration.ofSeconds(99));
        assertThat(sim.webhookCallbacks()).isEmpty();
        timer.advance(Duration.ofSeconds(1));
        List<CallbackReceiver.Received> got = awaitReceived(1);

        CallbackReceiver.Received callback = got.get(0);
        assertThat(callback.method()).isEqualTo("POST");
        JsonNode body = TestClient.JSON.readTree(callback.body());
        assertThat(body.path("id").asText()).isEqualTo(id);
        assertThat(body.path("status").asText()).isEqualTo("completed");
        assertThat(body.path("outputs").get(0).asText())
                .startsWith(sim.mediaBaseUrl().toString());
        long timestamp = Long.parseLong(callback.header("webhook-timestamp"));
        assertThat(timestamp).isEqualTo(submitted.plus(PROCESSING).getEpochSecond());

        String secret = secretFromTheHost();
        assertThat(secret).startsWith("whsec_").isEqualTo(sim.waveSpeedWebhookSecret());
        String expected = "v3,"
                + hmacHex(secret.substring(6), callback.header("webhook-id") + "." + timestamp + ".", callback.body());
        assertThat(callback.header("webhook-signature")).isEqualTo(expected);
        // The simulator counts the answer once it has read it.
        assertThat(awaitRecords(1).get(0).accepted()).isTrue();
        assertThat(sim.stats().webhooks().accepted()).isEqualTo(1);

        timer.advance(Duration.ofHours(1));
        assertThat(sim.webhookCallbacks()).hasSize(1);
    }

    @Test
    void atlasCloudCallsBackSignedWithEd25519UnderAPublishedKey() throws Exception {
        String id = submitAtlasWithWebhook(receiver.url("/hook").toString());
        timer.advance(PROCESSING);
        CallbackReceiver.Received callback = awaitReceived(1).get(0);

        assertThat(callback.header("x-atlascloud-webhook-event")).isEqualTo("video.task.terminal");
        JsonNode body = TestClient.JSON.readTree(callback.body());
        assertThat(body.path("data").path("id").asText()).isEqualTo(id);
        assertThat(body.path("data").path("status").asText()).isIn("completed", "succeeded");

        assertThat(verifiesWithPublishedKey(callback)).isTrue();
    }

    @Test
    void theJwksIsPublicAndTheSecretNeedsTheKey() throws Exception {
        HttpResponse<byte[]> jwks = client.send(HttpRequest.newBuilder(atlas("/webhooks/jwks.json")));
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode key = TestClient.json(jwks).path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("OKP");
        assertThat(key.path("crv").asText()).isEqualTo("Ed25519");
        assertThat(Base64.getUrlDecoder().decode(key.path("x").asText())).hasSize(32);

        HttpResponse<byte[]> anonymous = client.send(HttpRequest.newBuilder(ws("/api/v3/webhook/secret")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void aCallbackUrlThatIsNotHttpsIsRefusedWithoutACharge() throws Exception {
        String http = "http://127.0.0.1:9/hook";
        HttpResponse<byte[]> atlasReply =
                client.postJson(atlas("/model/generateVideo"), atlasBody("webhook_url", http));
        assertThat(atlasReply.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(atlasReply).path("msg").asText()).contains("webhook_url");
        String tooLong = "https://example.com/" + "a".repeat(1010);
        assertThat(client.postJson(atlas("/model/generateVideo"), atlasBody("webhook_url", tooLong))
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<byte[]> waveSpeedReply = client.postJson(
                ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video?webhook="
                        + URLEncoder.encode(http, StandardCharsets.UTF_8)),
                body());
        assertThat(waveSpeedReply.statusCode()).isEqualTo(400);
        assertThat(sim.stats().submissions()).isZero();
        assertThat(sim.stats().totalCharges()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void aLostCallbackIsNeverSentAndTheJobStillAnswersPolls() throws Exception {
        sim.faults().nextWebhook(WebhookFault.lost());
        String id = submitWaveSpeedWithWebhook(receiver.url("/hook"));
        timer.advance(PROCESSING);
        assertThat(sim.webhookCallbacks()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("dropped");
            assertThat(r.jobId()).isEqualTo(id);
        });
        assertThat(receiver.received()).isEmpty();
        assertThat(waveSpeedResult(id).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aDuplicatedCallbackArrivesTwiceByteForByte() throws Exception {
        sim.faults().nextWebhook(WebhookFault.duplicated());
        submitWaveSpeedWithWebhook(receiver.url("/hook"));
        timer.advance(PROCESSING);
        List<CallbackReceiver.Received> got = awaitReceived(2);
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        assertThat(got.get(1).headers()).containsAllEntriesOf(signatureHeaders(got.get(0)));
    }

    @Test
    void aDelayedCallbackKeepsTheTimestampOfTheJobsEnd() throws Exception {
        sim.faults().nextWebhook(WebhookFault.delayed(Duration.ofMinutes(6)));
        Instant submitted = clock.instant();
        submitAtlasWithWebhook(receiver.url("/hook").toString());
        timer.advance(PROCESSING.plus(Duration.ofMinutes(5)));
        assertThat(receiver.received()).isEmpty();
        timer.advance(Duration.ofMinutes(1));
        CallbackReceiver.Received late = awaitReceived(1).get(0);
        assertThat(Long.parseLong(late.header("x-atlascloud-webhook-timestamp")))
                .isEqualTo(submitted.plus(PROCESSING).getEpochSecond());
        assertThat(verifiesWithPublishedKey(late)).isTrue();
    }

    @Test
    void forgedAndWronglySignedCallbacksDoNotVerify() throws Exception {
        sim.faults()
                .nextWebhook(WebhookFault.forged())
                .nextWebhook(WebhookFault.wrongKey())
                .nextWebhook(WebhookFault.unknownKey());
        for (int i = 0; i < 3; i++) {
            submitAtlasWithWebhook(receiver.url("/hook").toString());
        }
        timer.advance(PROCESSING);
        List<CallbackReceiver.Received> got = awaitReceived(3);
        for (CallbackReceiver.Received r : got) {
            assertThat(verifiesWithPublishedKey(r))
                    .as(r.header("x-atlascloud-webhook-key-id"))
                    .isFalse();
        }
        // Three callbacks in flight at once may arrive in any order: one of them names an unpublished key.
        assertThat(got.stream()
                        .map(r -> r.header("x-atlascloud-webhook-key-id"))
                        .distinct())
                .hasSize(2);

        sim.faults().nextWebhook(WebhookFault.forged()).nextWebhook(WebhookFault.wrongKey());
        submitWaveSpeedWithWebhook(receiver.url("/hook"));
        submitWaveSpeedWithWebhook(receiver.url("/hook"));
        timer.advance(PROCESSING);
        String secret = sim.waveSpeedWebhookSecret().substring(6);
        for (CallbackReceiver.Received r : awaitReceived(5).subList(3, 5)) {
            String expected = "v3,"
                    + hmacHex(secret, r.header("webhook-id") + "." + r.header("webhook-timestamp") + ".", r.body());
            assertThat(r.header("webhook-signature")).isNotEqualTo(expected);
        }
    }

    @Test
    void anOutOfOrderCallbackFollowsWithAnOlderGenuineEvent() throws Exception {
        sim.faults().nextWebhook(WebhookFault.outOfOrder());
        submitWaveSpeedWithWebhook(receiver.url("/hook"));
        timer.advance(PROCESSING);
        List<CallbackReceiver.Received> got = awaitReceived(2);
        JsonNode first = TestClient.JSON.readTree(got.get(0).body());
        JsonNode second = TestClient.JSON.readTree(got.get(1).body());
        assertThat(first.path("status").asText()).isEqualTo("completed");
        assertThat(second.path("status").asText()).isEqualTo("processing");
        assertThat(Long.parseLong(got.get(1).header("webhook-timestamp")))
                .isEqualTo(Long.parseLong(got.get(0).header("webhook-timestamp")) - 60);
        String secret = sim.waveSpeedWebhookSecret().substring(6);
        CallbackReceiver.Received older = got.get(1);
        assertThat(older.header("webhook-signature"))
                .isEqualTo("v3,"
                        + hmacHex(
                                secret,
                                older.header("webhook-id") + "." + older.header("webhook-timestamp") + ".",
                                older.body()));
    }

    @Test
    void rotationPublishesTheNewKeyAndTheNewSecret() throws Exception {
        String before = secretFromTheHost();
        sim.rotateWaveSpeedWebhookSecret();
        assertThat(secretFromTheHost()).isNotEqualTo(before).startsWith("whsec_");
        sim.rotateAtlasCloudWebhookKey();
        JsonNode keys = TestClient.json(client.send(HttpRequest.newBuilder(atlas("/webhooks/jwks.json"))))
                .path("keys");
        assertThat(keys).hasSize(2);
        submitAtlasWithWebhook(receiver.url("/hook").toString());
        timer.advance(PROCESSING);
        assertThat(verifiesWithPublishedKey(awaitReceived(1).get(0))).isTrue();
    }

    @Test
    void aReceiverWhoseCertificateIsNotTrustedGetsNothing() throws Exception {
        try (CallbackReceiver stranger = new CallbackReceiver()) {
            submitWaveSpeedWithWebhook(stranger.url("/hook"));
            timer.advance(PROCESSING);
            CallbackRecord record = awaitRecords(1).get(0);
            assertThat(record.outcome()).isEqualTo("failed");
            assertThat(stranger.received()).isEmpty();
            assertThat(sim.stats().webhooks().failed()).isEqualTo(1);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private String submitWaveSpeedWithWebhook(URI hook) throws Exception {
        HttpResponse<byte[]> reply = client.postJson(
                ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video?webhook="
                        + URLEncoder.encode(hook.toString(), StandardCharsets.UTF_8)),
                body());
        assertThat(reply.statusCode())
                .as(new String(reply.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return TestClient.json(reply).path("data").path("id").asText();
    }

    private String submitAtlasWithWebhook(String hook) throws Exception {
        return submitAtlas(atlasBody("webhook_url", hook));
    }

    private String secretFromTheHost() throws Exception {
        HttpResponse<byte[]> reply = client.get(ws("/api/v3/webhook/secret"));
        assertThat(reply.statusCode()).isEqualTo(200);
        return TestClient.json(reply).path("data").path("secret").asText();
    }

    private boolean verifiesWithPublishedKey(CallbackReceiver.Received callback) throws Exception {
        JsonNode keys = TestClient.json(client.send(HttpRequest.newBuilder(atlas("/webhooks/jwks.json"))))
                .path("keys");
        String kid = callback.header("x-atlascloud-webhook-key-id");
        for (JsonNode key : keys) {
            if (key.path("kid").asText().equals(kid)) {
                byte[] x = Base64.getUrlDecoder().decode(key.path("x").asText());
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(ed25519(x));
                verifier.update(
                        (callback.header("x-atlascloud-webhook-timestamp") + ".").getBytes(StandardCharsets.UTF_8));
                verifier.update(callback.body());
                try {
                    return verifier.verify(
                            Base64.getUrlDecoder().decode(callback.header("x-atlascloud-webhook-signature-ed25519")));
                } catch (java.security.SignatureException damaged) {
                    return false; // a damaged signature may not even decode to a curve point
                }
            }
        }
        return false;
    }

    private static PublicKey ed25519(byte[] x) throws GeneralSecurityException {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] encoded = new byte[prefix.length + x.length];
        System.arraycopy(prefix, 0, encoded, 0, prefix.length);
        System.arraycopy(x, 0, encoded, prefix.length, x.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    private static String hmacHex(String key, String prefix, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static java.util.Map<String, String> signatureHeaders(CallbackReceiver.Received r) {
        return java.util.Map.of(
                "webhook-id", r.header("webhook-id"),
                "webhook-timestamp", r.header("webhook-timestamp"),
                "webhook-signature", r.header("webhook-signature"));
    }

    /** Waits (a bounded wait) until the receiver has {@code count} callbacks. */
    private List<CallbackReceiver.Received> awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (receiver.received().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver never got " + count + " callbacks: " + sim.webhookCallbacks());
            }
            Thread.sleep(5);
        }
        return receiver.received();
    }

    private List<CallbackRecord> awaitRecords(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sim.webhookCallbacks().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the simulator never recorded " + count + " callbacks");
            }
            Thread.sleep(5);
        }
        return sim.webhookCallbacks();
    }
}
