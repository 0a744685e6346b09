package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The receiver's security matrix: while a WaveSpeed and an Atlas Cloud render wait (the clock held,
 * so nothing moves by itself), forged, replayed, stale, malformed and oversized requests reach the
 * HTTPS endpoint; each is answered with a plain status and an empty body, and changes nothing: no
 * poll, no phase, no registration, no request to the hosts. Afterwards the genuine callbacks still
 * complete both renders.
 */
class WebhookSecurityMatrixTest extends WebhookTestSupport {
    private HttpClient client;
    private String waveSpeedJob;
    private String atlasJob;
    private RenderHandle waveSpeed;
    private RenderHandle atlas;

    /** One request and what it must get. */
    private record Case(
            String name,
            String method,
            String path,
            Map<String, List<String>> headers,
            byte[] body,
            int status,
            WebhookRefusal reason) {}

    @Test
    void everyForgedOrMalformedCallbackIsRefusedAndChangesNothing() throws Exception {
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls.clientContext())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        // Both requests are made before either render starts reading its picture.
        RenderRequest waveSpeedRequest = request(ProviderId.WAVESPEED).build();
        RenderRequest atlasRequest = request(ProviderId.ATLASCLOUD).build();
        scheduler.hold();
        waveSpeed = engine.start(waveSpeedRequest, listening().build());
        atlas = engine.start(
                atlasRequest, listening().output(dir.resolve("atlas.mp4")).build());
        waveSpeedJob = awaitWaiting(waveSpeed);
        atlasJob = awaitWaiting(atlas);
        awaitListening(2);
        Instant now = scheduler.now();

        // Genuine early callbacks (a host may call back before the job is visibly done): each render
        // asks once and goes on waiting. They are the ones the replays below replay.
        byte[] wsBody = json("{\"id\":\"" + waveSpeedJob + "\",\"status\":\"completed\"}");
        Map<String, String> wsSigned = sim.signWebhook(Host.WAVESPEED, "msg_setup", now, wsBody);
        assertThat(post(headers(wsSigned), wsBody).statusCode()).isEqualTo(204);
        byte[] acBody = json("{\"event\":\"video.task.terminal\",\"data\":{\"id\":\"" + atlasJob + "\"}}");
        Map<String, String> acSigned = sim.signWebhook(Host.ATLASCLOUD, "evt_setup", now, acBody);
        assertThat(post(headers(acSigned), acBody).statusCode()).isEqualTo(204);
        until(() -> polls(waveSpeedJob) == 1 && polls(atlasJob) == 1, "the hinted polls");
        until(() -> waveSpeed.phase() == RenderPhase.WAITING && atlas.phase() == RenderPhase.WAITING, "waiting");
        verdicts.clear();

        List<Case> cases = cases(now, wsSigned, wsBody, acSigned, acBody);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        Map<Route, Long> before = sim.stats().requestsByRoute();
        for (Case c : cases) {
            HttpResponse<byte[]> reply = send(c);
            assertThat(reply.statusCode()).as(c.name()).isEqualTo(c.status());
            assertThat(reply.body()).as(c.name() + ": the body").isEmpty();
            assertNothingChanged(c.name(), before);
            if (c.reason() != null) {
                WebhookVerdict v = verdicts.get(verdicts.size() - 1);
                assertThat(v.refusal()).as(c.name() + ": " + v).contains(c.reason());
            }
        }
        assertThat(verdicts).noneMatch(WebhookVerdict::isAccepted);
        assertNoSecretInVerdictsOrEvents();

        // Nothing was spoilt: the hosts' own callbacks complete both renders. Since the early
        // callbacks each render has polled on the normal schedule; its last poll is the one its
        // host's callback asks for as the job ends (the next scheduled one would come later).
        verdicts.clear();
        scheduler.release();
        await(waveSpeed);
        await(atlas);
        long expected = 1 + scheduledPollsBefore(PROCESSING) + 1;
        assertThat(polls(waveSpeedJob)).isEqualTo(expected);
        assertThat(polls(atlasJob)).isEqualTo(expected);
        assertThat(awaitVerdicts(2)).hasSize(2).allMatch(WebhookVerdict::isAccepted);
    }

    /** The polls the engine's normal schedule makes before {@code end}, counted from a poll at the submit. */
    private static long scheduledPollsBefore(Duration end) {
        PollingPolicy normal = PollingPolicy.defaults();
        Duration expected = normal.expectedProcessing(Resolution.P720, 3);
        long polls = 0;
        Duration at = normal.nextDelay(expected, Duration.ZERO);
        while (at.compareTo(end) < 0) {
            polls++;
            at = at.plus(normal.nextDelay(expected, at));
        }
        return polls;
    }

    private List<Case> cases(
            Instant now, Map<String, String> wsSigned, byte[] wsBody, Map<String, String> acSigned, byte[] acBody)
            throws Exception {
        List<Case> list = new ArrayList<>();
        String w = waveSpeedJob;
        byte[] other = json("{\"id\":\"" + w + "\",\"status\":\"failed\"}");
        Map<String, List<String>> none = Map.of();

        list.add(new Case("GET", "GET", hook().getPath(), none, new byte[0], 405, null));
        list.add(new Case("PUT", "PUT", hook().getPath(), headers(wsSigned), wsBody, 405, null));
        list.add(new Case("another path", "POST", "/elsewhere", headers(wsSigned), wsBody, 404, null));
        list.add(new Case("no signature headers", "POST", null, none, wsBody, 400, WebhookRefusal.UNKNOWN_SENDER));
        Map<String, String> both = new LinkedHashMap<>(wsSigned);
        both.putAll(acSigned);
        list.add(new Case(
                "both hosts' headers", "POST", null, headers(both), wsBody, 400, WebhookRefusal.UNKNOWN_SENDER));

        Map<String, String> ws = genuine(Host.WAVESPEED, "msg_1", now, other);
        list.add(waveSpeedCase("no webhook-id", without(ws, "webhook-id"), other, WebhookRefusal.MISSING_HEADER));
        list.add(waveSpeedCase(
                "no webhook-timestamp", without(ws, "webhook-timestamp"), other, WebhookRefusal.MISSING_HEADER));
        Map<String, List<String>> twice = headers(ws);
        twice.put("webhook-signature", List.of(ws.get("webhook-signature"), ws.get("webhook-signature")));
        list.add(new Case("webhook-signature twice", "POST", null, twice, other, 400, WebhookRefusal.MISSING_HEADER));
        list.add(waveSpeedCase(
                "a v1 signature",
                with(ws, "webhook-signature", ws.get("webhook-signature").replace("v3,", "v1,")),
                other,
                WebhookRefusal.MALFORMED));
        list.add(waveSpeedCase(
                "a signature that is not hex",
                with(ws, "webhook-signature", "v3," + "zz".repeat(32)),
                other,
                WebhookRefusal.MALFORMED));
        list.add(waveSpeedCase(
                "signed with another secret",
                with(
                        ws,
                        "webhook-signature",
                        "v3," + hmac("another-secret", "msg_1." + now.getEpochSecond() + ".", other)),
                other,
                WebhookRefusal.BAD_SIGNATURE));
        list.add(waveSpeedCase(
                "the body changed after signing",
                ws,
                json("{\"id\":\"" + w + "\",\"status\":\"completed\"}"),
                WebhookRefusal.BAD_SIGNATURE));
        list.add(waveSpeedCase(
                "the id changed after signing", with(ws, "webhook-id", "msg_2"), other, WebhookRefusal.BAD_SIGNATURE));
        list.add(waveSpeedCase(
                "a timestamp 301 s old",
                genuine(Host.WAVESPEED, "msg_3", now.minusSeconds(301), other),
                other,
                WebhookRefusal.STALE));
        list.add(waveSpeedCase(
                "a timestamp 120 s ahead",
                genuine(Host.WAVESPEED, "msg_4", now.plusSeconds(120), other),
                other,
                WebhookRefusal.FROM_THE_FUTURE));
        list.add(waveSpeedCase(
                "a timestamp that is no number",
                with(ws, "webhook-timestamp", "soon"),
                other,
                WebhookRefusal.MALFORMED));
        list.add(waveSpeedCase(
                "a timestamp in milliseconds",
                with(ws, "webhook-timestamp", Long.toString(now.toEpochMilli())),
                other,
                WebhookRefusal.MALFORMED));
        byte[] stranger = json("{\"id\":\"not-a-job-of-ours\",\"status\":\"completed\"}");
        list.add(waveSpeedCase(
                "a prediction no render waits for",
                genuine(Host.WAVESPEED, "msg_5", now, stranger),
                stranger,
                WebhookRefusal.NOT_AWAITED));
        byte[] atlasJobOnWaveSpeed = json("{\"id\":\"" + atlasJob + "\",\"status\":\"completed\"}");
        list.add(waveSpeedCase(
                "the other host's job",
                genuine(Host.WAVESPEED, "msg_6", now, atlasJobOnWaveSpeed),
                atlasJobOnWaveSpeed,
                WebhookRefusal.NOT_AWAITED));
        byte[] notJson = "id=".concat(w).getBytes(StandardCharsets.UTF_8);
        list.add(waveSpeedCase(
                "a body that is not JSON",
                genuine(Host.WAVESPEED, "msg_7", now, notJson),
                notJson,
                WebhookRefusal.MALFORMED));
        byte[] array = json("[{\"id\":\"" + w + "\"}]");
        list.add(waveSpeedCase(
                "a JSON array", genuine(Host.WAVESPEED, "msg_8", now, array), array, WebhookRefusal.MALFORMED));
        byte[] noId = json("{\"status\":\"completed\"}");
        list.add(waveSpeedCase(
                "a body without an id", genuine(Host.WAVESPEED, "msg_9", now, noId), noId, WebhookRefusal.MALFORMED));
        byte[] empty = new byte[0];
        list.add(waveSpeedCase(
                "an empty body", genuine(Host.WAVESPEED, "msg_10", now, empty), empty, WebhookRefusal.MALFORMED));
        list.add(waveSpeedCase("a replay of an accepted callback", wsSigned, wsBody, WebhookRefusal.REPLAYED));
        byte[] huge = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        list.add(new Case("a body over 64 KiB", "POST", null, headers(ws), huge, 413, WebhookRefusal.TOO_LARGE));
        byte[] keyInBody = json("{\"id\":\"" + w + "\",\"apiKey\":\"" + KEY + "\"}");
        Map<String, List<String>> keyHeaders = new LinkedHashMap<>();
        keyHeaders.put("Authorization", List.of("Bearer " + KEY));
        list.add(new Case(
                "the API key offered, unsigned",
                "POST",
                null,
                keyHeaders,
                keyInBody,
                400,
                WebhookRefusal.UNKNOWN_SENDER));

        byte[] acOther = json(
                "{\"event\":\"video.task.terminal\",\"data\":{\"id\":\"" + atlasJob + "\",\"status\":\"failed\"}}");
        Map<String, String> ac = genuine(Host.ATLASCLOUD, "evt_1", now, acOther);
        list.add(atlasCase(
                "no key id", without(ac, "X-AtlasCloud-Webhook-Key-Id"), acOther, WebhookRefusal.MISSING_HEADER));
        list.add(atlasCase(
                "a signature that is not base64url",
                with(ac, "X-AtlasCloud-Webhook-Signature-Ed25519", "*".repeat(86)),
                acOther,
                WebhookRefusal.MALFORMED));
        list.add(atlasCase(
                "a signature of 32 bytes",
                with(
                        ac,
                        "X-AtlasCloud-Webhook-Signature-Ed25519",
                        Base64.getUrlEncoder().encodeToString(new byte[32])),
                acOther,
                WebhookRefusal.MALFORMED));
        KeyPair stray = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        list.add(atlasCase(
                "signed with another key under the published key id",
                with(ac, "X-AtlasCloud-Webhook-Signature-Ed25519", ed25519(stray, now.getEpochSecond() + ".", acOther)),
                acOther,
                WebhookRefusal.BAD_SIGNATURE));
        list.add(atlasCase(
                "a key id the host does not publish",
                with(
                        with(ac, "X-AtlasCloud-Webhook-Key-Id", "stray-key"),
                        "X-AtlasCloud-Webhook-Signature-Ed25519",
                        ed25519(stray, now.getEpochSecond() + ".", acOther)),
                acOther,
                WebhookRefusal.UNKNOWN_KEY));
        list.add(atlasCase(
                "an accepted callback replayed under a new id (the id is not signed)",
                with(acSigned, "X-AtlasCloud-Webhook-Id", "evt_replayed"),
                acBody,
                WebhookRefusal.REPLAYED));
        list.add(atlasCase(
                "an Atlas Cloud timestamp 400 s old",
                genuine(Host.ATLASCLOUD, "evt_2", now.minusSeconds(400), acOther),
                acOther,
                WebhookRefusal.STALE));
        return list;
    }

    private void assertNothingChanged(String name, Map<Route, Long> before) {
        assertThat(polls(waveSpeedJob)).as(name + ": WaveSpeed polls").isEqualTo(1);
        assertThat(polls(atlasJob)).as(name + ": Atlas Cloud polls").isEqualTo(1);
        assertThat(waveSpeed.phase()).as(name).isEqualTo(RenderPhase.WAITING);
        assertThat(atlas.phase()).as(name).isEqualTo(RenderPhase.WAITING);
        assertThat(waveSpeed.result()).as(name).isNotDone();
        assertThat(atlas.result()).as(name).isNotDone();
        assertThat(engine.webhooks().awaiting()).as(name).isEqualTo(2);
        assertThat(sim.stats().requestsByRoute())
                .as(name + ": requests to the hosts")
                .isEqualTo(before);
    }

    private Case waveSpeedCase(String name, Map<String, String> headers, byte[] body, WebhookRefusal reason) {
        return new Case("WaveSpeed: " + name, "POST", null, headers(headers), body, 400, reason);
    }

    private Case atlasCase(String name, Map<String, String> headers, byte[] body, WebhookRefusal reason) {
        return new Case("Atlas Cloud: " + name, "POST", null, headers(headers), body, 400, reason);
    }

    private Map<String, String> genuine(Host host, String id, Instant at, byte[] body) {
        return sim.signWebhook(host, id, at, body);
    }

    private HttpResponse<byte[]> post(Map<String, List<String>> headers, byte[] body) throws Exception {
        return send(new Case("post", "POST", null, headers, body, 0, null));
    }

    private HttpResponse<byte[]> send(Case c) throws Exception {
        URI uri = c.path() == null ? hook() : hook().resolve(c.path());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        c.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        b.method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, List<String>> headers(Map<String, String> single) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        single.forEach((k, v) -> h.put(k, List.of(v)));
        h.put("Content-Type", List.of("application/json"));
        return h;
    }

    private static Map<String, String> without(Map<String, String> h, String name) {
        Map<String, String> copy = new LinkedHashMap<>(h);
        copy.remove(name);
        return copy;
    }

    private static Map<String, String> with(Map<String, String> h, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(h);
        copy.put(name, value);
        return copy;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(String key, String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static String ed25519(KeyPair pair, String prefix, byte[] body) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(prefix.getBytes(StandardCharsets.UTF_8));
        s.update(body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }
}
