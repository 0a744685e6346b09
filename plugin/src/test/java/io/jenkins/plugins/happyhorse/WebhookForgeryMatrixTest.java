package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.engine.RenderEngines;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.SoftAssertions;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Forged and malformed callbacks through the Jenkins endpoint while a render waits (held there by
 * its stepped clock): each is refused with a plain status and no body, and nothing changes: no
 * request reaches the host, the render still listens, its build still runs. A genuine callback
 * first (accepted, one poll) proves the same path accepts what it should, and gives the replay its
 * original. No API key or webhook secret appears in any answer, log line or page meanwhile.
 */
@WithJenkins
class WebhookForgeryMatrixTest {

    private final LogRecorder logging =
            new LogRecorder().record("io.jenkins.plugins.happyhorse", Level.ALL).capture(1000);

    private JenkinsRule j;
    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        simulator = WebhookSupport.startSimulator(clock);
        RenderFixture.configure(j.jenkins, simulator, clock);
        WebhookSupport.turnOn(j);
        clock.hold();
    }

    @AfterEach
    void tearDown() {
        clock.release();
        simulator.close();
        logging.close();
    }

    /** One request of the matrix: what is sent, and the one status it must get. */
    private record Forgery(String name, String method, Map<String, String> headers, byte[] body, int status) {}

    @Test
    void everyForgedOrMalformedCallbackIsRefusedPlainlyAndChangesNothing() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "forged");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse'," + " credentialsId: '"
                        + CREDENTIALS_ID + "'",
                true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        String id = RenderStepTest.awaitWaiting(b);
        await().atMost(Duration.ofMinutes(1)).until(() -> awaiting() == 1);
        URI endpoint = WebhookSupport.endpoint(j);

        // A genuine callback (the job is still running: the render asks once, sees it running, waits on).
        byte[] genuineBody = body(id);
        Map<String, String> genuine = signed("msg_genuine_1", clock.now(), genuineBody);
        long polls = polls();
        HttpResponse<byte[]> accepted = WebhookSupport.send("POST", endpoint, genuine, genuineBody);
        assertThat(accepted.statusCode()).isEqualTo(204);
        await().atMost(Duration.ofMinutes(1)).until(() -> polls() == polls + 1);
        long requests = RenderFixture.requests(simulator);

        Instant now = clock.now();
        List<Forgery> matrix = new ArrayList<>();
        matrix.add(new Forgery("replayed: the accepted callback again", "POST", genuine, genuineBody, 400));
        matrix.add(new Forgery(
                "replayed under a new timestamp, old signature",
                "POST",
                with(genuine, h -> put(h, "webhook-timestamp", Long.toString(now.getEpochSecond() + 1))),
                genuineBody,
                400));
        byte[] b2 = body(id);
        Map<String, String> fresh = signed("msg_2", now, b2);
        matrix.add(new Forgery(
                "bad signature: one hex digit changed", "POST", with(fresh, h -> flipSignature(h)), b2, 400));
        matrix.add(new Forgery(
                "wrong key: signed with another secret",
                "POST",
                withType(signedWith("whsec_bm90LXRoZS1ob3N0cy1zZWNyZXQtYXQtYWxs", "msg_3", now, b2)),
                b2,
                400));
        matrix.add(new Forgery(
                "signed body, another body sent",
                "POST",
                fresh,
                ("{\"id\":\"" + id + "\",\"status\":\"failed\",\"outputs\":[]}").getBytes(StandardCharsets.UTF_8),
                400));
        matrix.add(new Forgery("stale: 301 s old", "POST", signed("msg_4", now.minusSeconds(301), b2), b2, 400));
        matrix.add(
                new Forgery("stale: a day old", "POST", signed("msg_5", now.minus(Duration.ofDays(1)), b2), b2, 400));
        matrix.add(new Forgery(
                "from the future: 10 minutes ahead", "POST", signed("msg_6", now.plusSeconds(600), b2), b2, 400));
        byte[] unknown = body("no-such-prediction-0000");
        matrix.add(new Forgery(
                "unknown prediction, genuinely signed", "POST", signed("msg_7", now, unknown), unknown, 400));
        byte[] big = new byte[io.jenkins.plugins.happyhorse.client.engine.WebhookReceiver.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        matrix.add(new Forgery("oversize body, genuinely signed", "POST", signed("msg_8", now, big), big, 413));
        matrix.add(new Forgery(
                "missing signature header", "POST", with(fresh, h -> h.remove("webhook-signature")), b2, 400));
        matrix.add(new Forgery("missing id header", "POST", with(fresh, h -> h.remove("webhook-id")), b2, 400));
        matrix.add(new Forgery(
                "missing timestamp header", "POST", with(fresh, h -> h.remove("webhook-timestamp")), b2, 400));
        matrix.add(new Forgery(
                "no signature headers at all", "POST", Map.of("Content-Type", "application/json"), b2, 400));
        matrix.add(new Forgery(
                "wrong content type", "POST", with(fresh, h -> put(h, "Content-Type", "text/plain")), b2, 415));
        matrix.add(new Forgery(
                "form content type",
                "POST",
                with(fresh, h -> put(h, "Content-Type", "application/x-www-form-urlencoded")),
                b2,
                415));
        matrix.add(new Forgery("no content type", "POST", with(fresh, h -> h.remove("Content-Type")), b2, 415));
        byte[] empty = new byte[0];
        matrix.add(new Forgery("empty body, signed", "POST", signed("msg_9", now, empty), empty, 400));
        byte[] notJson = "this is not JSON".getBytes(StandardCharsets.UTF_8);
        matrix.add(new Forgery("non-JSON body, signed", "POST", signed("msg_10", now, notJson), notJson, 400));
        byte[] array = ("[\"" + id + "\"]").getBytes(StandardCharsets.UTF_8);
        matrix.add(new Forgery("a JSON array, signed", "POST", signed("msg_11", now, array), array, 400));
        byte[] noId = "{\"status\":\"completed\",\"outputs\":[]}".getBytes(StandardCharsets.UTF_8);
        matrix.add(new Forgery("JSON without an id, signed", "POST", signed("msg_12", now, noId), noId, 400));
        matrix.add(new Forgery(
                "another signature scheme (v1)",
                "POST",
                with(
                        fresh,
                        h -> put(
                                h,
                                "webhook-signature",
                                h.get("webhook-signature").replace("v3,", "v1,"))),
                b2,
                400));
        matrix.add(new Forgery(
                "signature not hex",
                "POST",
                with(fresh, h -> put(h, "webhook-signature", "v3,zzzz-not-hex")),
                b2,
                400));
        matrix.add(new Forgery(
                "timestamp not a number", "POST", with(fresh, h -> put(h, "webhook-timestamp", "yesterday")), b2, 400));
        matrix.add(new Forgery(
                "the other host's headers with garbage",
                "POST",
                withType(Map.of(
                        "X-AtlasCloud-Webhook-Signature-Ed25519", "AAAA",
                        "X-AtlasCloud-Webhook-Key-Id", "k1",
                        "X-AtlasCloud-Webhook-Timestamp", Long.toString(now.getEpochSecond()),
                        "X-AtlasCloud-Webhook-Id", "evt_1")),
                b2,
                400));
        matrix.add(new Forgery(
                "both hosts' headers",
                "POST",
                with(fresh, h -> put(h, "X-AtlasCloud-Webhook-Signature-Ed25519", "AAAA")),
                b2,
                400));
        matrix.add(new Forgery(
                "the API key as ids, to have it copied into a log",
                "POST",
                signedWith("whsec_YW5vdGhlci1zZWNyZXQ", API_KEY, now, body(API_KEY)),
                body(API_KEY),
                400));
        matrix.add(new Forgery("GET with a genuine callback", "GET", fresh, new byte[0], 405));
        matrix.add(new Forgery("PUT with a genuine callback", "PUT", fresh, b2, 405));
        assertThat(matrix).hasSizeGreaterThanOrEqualTo(20);

        SoftAssertions softly = new SoftAssertions();
        for (Forgery f : matrix) {
            HttpResponse<byte[]> reply = WebhookSupport.send(f.method(), endpoint, f.headers(), f.body());
            softly.assertThat(reply.statusCode()).as(f.name()).isEqualTo(f.status());
            softly.assertThat(reply.body()).as(f.name() + ": body").isEmpty();
            softly.assertThat(new String(reply.body(), StandardCharsets.UTF_8) + reply.headers())
                    .as(f.name() + ": answer")
                    .doesNotContain(API_KEY)
                    .doesNotContain(secretWithoutPrefix());
            softly.assertThat(RenderFixture.requests(simulator))
                    .as(f.name() + ": requests to the host")
                    .isEqualTo(requests);
            softly.assertThat(awaiting()).as(f.name() + ": renders listening").isEqualTo(1);
            softly.assertThat(b.isBuilding())
                    .as(f.name() + ": the build runs on")
                    .isTrue();
        }
        softly.assertAll();
        assertThat(RenderStepTest.statuses(b)).anySatisfy(s -> assertThat(s).startsWith("waiting for "));

        // Key confinement: no key or secret in the controller's log, the build's log, files or page.
        clock.release();
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        String logged = String.join("\n", logging.getMessages());
        assertThat(logging.getMessages()).as("the endpoint logs its refusals").isNotEmpty();
        assertThat(logged).doesNotContain(API_KEY).doesNotContain(secretWithoutPrefix());
        assertThat(JenkinsRule.getLog(b)).doesNotContain(API_KEY).doesNotContain(secretWithoutPrefix());
        RenderFixture.assertSecretAbsent(b, API_KEY);
        RenderFixture.assertSecretAbsent(b, secretWithoutPrefix());
        JenkinsRule.WebClient web = j.createWebClient();
        web.getOptions().setJavaScriptEnabled(false);
        for (String page : new String[] {b.getUrl(), b.getUrl() + "console", "manage/configure"}) {
            assertThat(web.goTo(page).getWebResponse().getContentAsString())
                    .as(page)
                    .doesNotContain(API_KEY)
                    .doesNotContain(secretWithoutPrefix());
        }
    }

    private String secretWithoutPrefix() {
        return simulator.waveSpeedWebhookSecret().substring("whsec_".length());
    }

    private long polls() {
        return simulator.stats().requests(Route.WS_RESULT) + simulator.stats().requests(Route.WS_PREDICTION);
    }

    private static int awaiting() {
        return RenderEngines.webhookReceivers().stream()
                .mapToInt(r -> r.awaiting())
                .sum();
    }

    private static byte[] body(String id) {
        return ("{\"id\":\"" + id + "\",\"status\":\"completed\",\"outputs\":[]}").getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> signed(String webhookId, Instant at, byte[] body) {
        return withType(simulator.signWebhook(Host.WAVESPEED, webhookId, at, body));
    }

    /** WaveSpeed's scheme with a secret of the forger's own. */
    private static Map<String, String> signedWith(String secret, String webhookId, Instant at, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    secret.substring("whsec_".length()).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((webhookId + "." + at.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
            Map<String, String> h = new LinkedHashMap<>();
            h.put("webhook-id", webhookId);
            h.put("webhook-timestamp", Long.toString(at.getEpochSecond()));
            h.put("webhook-signature", "v3," + HexFormat.of().formatHex(mac.doFinal(body)));
            return withType(h);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> withType(Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        return h;
    }

    private static Map<String, String> with(
            Map<String, String> headers, java.util.function.Consumer<Map<String, String>> change) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        change.accept(h);
        return h;
    }

    private static void put(Map<String, String> h, String name, String value) {
        h.put(name, value);
    }

    private static void flipSignature(Map<String, String> h) {
        String s = h.get("webhook-signature");
        char last = s.charAt(s.length() - 1);
        h.put("webhook-signature", s.substring(0, s.length() - 1) + (last == '0' ? '1' : '0'));
    }
}
