package io.jenkins.plugins.happyhorse.acceptance.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.acceptance.api.Json;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.harness.Waits;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.HappyHorseSettings;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ClipChecks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Completion by webhook in a real Jenkins: a controller with webhooks on, whose endpoint the
 * standalone simulator calls back on 127.0.0.1 (plain http to loopback, which the engine allows
 * while the hosts' API is the simulator on loopback; callbacks stamped with the real time, the
 * controller's clock, while simulated time runs faster).
 *
 * <p>Three renders start together: [w02] while the public URL points where nothing receives the
 * callback (a misrouted proxy: the callback is lost), then, with the right URL, [w01] and the longer
 * [w03]. The forged-request matrix runs against [w03] while it waits; [w01] is completed by its
 * callback; [w02] by the safety poll, minutes of engine time later (its first safety poll comes at
 * 1.5 times the expected processing time, about 145 s: this group's longest wait, spent side by side
 * with the other groups).
 */
@DisplayName("Completion by webhook on a real controller")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookControllerTest {
    private static final String HOOKED = "[w01]";
    private static final String LOST = "[w02]";
    private static final String WAITING = "[w03]";
    private static final String IMAGE = "https://images.example.invalid/lighthouse.png";
    /** The first safety poll comes 1.5 × the expected 96 s after the submit: 144 s, plus margin. */
    private static final Duration SAFETY_POLL = Duration.ofMinutes(5);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static Testbed bed;
    private static Build hooked;
    private static Build lost;
    private static Build waiting;

    @BeforeAll
    static void startControllerAndRenders() throws Exception {
        bed = Testbed.start("webhooks", true, List.of("--webhooks-over-http", "--webhook-real-time"));
        // Misrouted: the callback reaches a path of the controller that is not the endpoint.
        new HappyHorseSettings(bed.jenkins().scriptConsole())
                .set("webhooksEnabled", true)
                .set("webhookUrl", bed.jenkins().url() + "happyhorse-webhook-misrouted/")
                .apply();
        lost = render("webhook-lost", LOST + " A lighthouse at dusk", 3, "720p");
        lost.awaitLogLine("Submitted as", Bounds.SUBMIT);
        new HappyHorseSettings(bed.jenkins().scriptConsole())
                .set("webhookUrl", endpoint().toString())
                .apply();
        waiting = render("webhook-waiting", WAITING + " A lighthouse in a storm", 15, "1080p");
        hooked = render("webhook-hooked", HOOKED + " A lighthouse at dawn", 3, "720p");
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("Webhooks: forged or malformed requests to the real endpoint are refused and change nothing")
    void forgedRequestsAreRefusedAndChangeNothing() throws Exception {
        String log = waiting.awaitLogLine("Submitted as", Bounds.SUBMIT);
        String id = RenderLog.predictionId(waiting.console()).orElseThrow(() -> new AssertionError(log));
        String secret = waveSpeedSecret();
        URI endpoint = endpoint();

        // A genuine callback first: accepted, the render asks the host once and waits on.
        long pollsBefore = polls(WAITING);
        byte[] genuineBody = body(id);
        Map<String, String> genuine = sign(secret, "msg_accept_1", Instant.now(), genuineBody);
        assertThat(post("POST", endpoint, genuine, genuineBody).statusCode()).isEqualTo(204);
        Waits.until(
                "the accepted callback's poll",
                Bounds.QUICK,
                () -> polls(WAITING) > pollsBefore
                        ? Waits.Poll.done(true)
                        : Waits.Poll.notYet("polls " + polls(WAITING)));
        SimulatorCounters before = bed.simulator().counters();

        Instant now = Instant.now();
        byte[] b = body(id);
        Map<String, String> fresh = sign(secret, "msg_fresh_1", now, b);
        List<Forgery> matrix = new ArrayList<>();
        matrix.add(new Forgery("replayed", "POST", genuine, genuineBody, 400));
        matrix.add(new Forgery("bad signature", "POST", with(fresh, h -> flip(h)), b, 400));
        matrix.add(
                new Forgery("wrong key", "POST", sign("whsec_bm90LXRoZS1ob3N0cy1zZWNyZXQ", "msg_wk", now, b), b, 400));
        matrix.add(new Forgery("another body than signed", "POST", fresh, body(id + "x"), 400));
        matrix.add(new Forgery("stale (301 s)", "POST", sign(secret, "msg_st", now.minusSeconds(301), b), b, 400));
        matrix.add(new Forgery("from the future", "POST", sign(secret, "msg_fu", now.plusSeconds(600), b), b, 400));
        byte[] unknown = body("no-such-prediction-0000");
        matrix.add(new Forgery("unknown prediction", "POST", sign(secret, "msg_un", now, unknown), unknown, 400));
        byte[] big = new byte[64 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        matrix.add(new Forgery("oversize body", "POST", sign(secret, "msg_big", now, big), big, 413));
        matrix.add(new Forgery("no signature", "POST", with(fresh, h -> h.remove("webhook-signature")), b, 400));
        matrix.add(new Forgery("no id", "POST", with(fresh, h -> h.remove("webhook-id")), b, 400));
        matrix.add(new Forgery("no timestamp", "POST", with(fresh, h -> h.remove("webhook-timestamp")), b, 400));
        matrix.add(new Forgery("no headers", "POST", Map.of("Content-Type", "application/json"), b, 400));
        matrix.add(new Forgery("text/plain", "POST", with(fresh, h -> h.put("Content-Type", "text/plain")), b, 415));
        matrix.add(new Forgery("no content type", "POST", with(fresh, h -> h.remove("Content-Type")), b, 415));
        byte[] empty = new byte[0];
        matrix.add(new Forgery("empty body", "POST", sign(secret, "msg_em", now, empty), empty, 400));
        byte[] text = "not JSON".getBytes(StandardCharsets.UTF_8);
        matrix.add(new Forgery("non-JSON", "POST", sign(secret, "msg_nj", now, text), text, 400));
        byte[] array = "[1,2]".getBytes(StandardCharsets.UTF_8);
        matrix.add(new Forgery("JSON array", "POST", sign(secret, "msg_ar", now, array), array, 400));
        byte[] noId = "{\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
        matrix.add(new Forgery("JSON without id", "POST", sign(secret, "msg_ni", now, noId), noId, 400));
        matrix.add(new Forgery(
                "v1 signature",
                "POST",
                with(
                        fresh,
                        h -> h.put(
                                "webhook-signature", h.get("webhook-signature").replace("v3,", "v1,"))),
                b,
                400));
        matrix.add(new Forgery(
                "timestamp not a number", "POST", with(fresh, h -> h.put("webhook-timestamp", "soon")), b, 400));
        matrix.add(new Forgery(
                "both hosts' headers",
                "POST",
                with(fresh, h -> h.put("X-AtlasCloud-Webhook-Signature-Ed25519", "AAAA")),
                b,
                400));
        matrix.add(new Forgery(
                "the API key as ids",
                "POST",
                sign("whsec_YW5vdGhlcg", bed.apiKey(), now, body(bed.apiKey())),
                body(bed.apiKey()),
                400));
        matrix.add(new Forgery("GET", "GET", fresh, new byte[0], 405));
        matrix.add(new Forgery("PUT", "PUT", fresh, b, 405));
        assertThat(matrix).hasSizeGreaterThanOrEqualTo(20);

        SoftAssertions softly = new SoftAssertions();
        for (Forgery f : matrix) {
            HttpResponse<String> reply = post(f.method(), endpoint, f.headers(), f.body());
            softly.assertThat(reply.statusCode()).as(f.name()).isEqualTo(f.status());
            softly.assertThat(reply.body()).as(f.name() + ": body").isEmpty();
        }
        SimulatorCounters after = bed.simulator().counters();
        // The engine may fetch the signing secret once more on a mismatch (at most every 30 s): that
        // is no change to any render, so the hosts' other routes are what must stand still.
        softly.assertThat(after.totalRequests() - after.requests("WS_WEBHOOK_SECRET"))
                .as("requests to the hosts, signing secret aside")
                .isEqualTo(before.totalRequests() - before.requests("WS_WEBHOOK_SECRET"));
        softly.assertThat(after.requests("WS_WEBHOOK_SECRET") - before.requests("WS_WEBHOOK_SECRET"))
                .as("signing secret fetches during the matrix")
                .isLessThanOrEqualTo(1);
        softly.assertThat(after.submissions("wavespeed")).as("submissions").isEqualTo(before.submissions("wavespeed"));
        softly.assertThat(polls(WAITING)).as("polls of the waiting render").isEqualTo(pollsBefore + 1);
        softly.assertThat(waiting.isBuilding()).as("the waiting render runs on").isTrue();
        softly.assertThat(waiting.console())
                .as("the waiting render's log")
                .doesNotContain(bed.apiKey())
                .doesNotContain(secret.substring("whsec_".length()));
        softly.assertAll();

        // The host's own callback completes it.
        assertThat(waiting.awaitResult(Bounds.RENDER))
                .as("log:\n%s", waiting.console())
                .isEqualTo("SUCCESS");
        assertThat(java.nio.file.Files.readString(bed.jenkins().log()))
                .as("the controller's log")
                .doesNotContain(bed.apiKey())
                .doesNotContain(secret.substring("whsec_".length()));
    }

    @Test
    @Order(2)
    @DisplayName("Webhooks: a render is completed by the host's callback, with at most a few polls")
    void aRenderIsCompletedByItsCallback() {
        String result = hooked.awaitResult(Bounds.RENDER);
        String log = hooked.console();
        assertThat(result).as("log:\n%s", log).isEqualTo("SUCCESS");
        SimulatorCounters counters = bed.simulator().counters();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(log)
                .contains("Completion by webhook: the render will be woken by the host's callback to " + endpoint())
                .contains("WaveSpeed called back about prediction")
                .doesNotContain(bed.apiKey());
        softly.assertThat(counters.jobsFor(HOOKED)).singleElement().satisfies(job -> assertThat(job.polls())
                .as("polls while waiting")
                .isBetween(1L, 3L));
        softly.assertThat(counters.webhooks("accepted"))
                .as("callbacks accepted")
                .isGreaterThanOrEqualTo(1);
        softly.check(() -> ClipChecks.assertArchivedClip(hooked, "happyhorse/clip-1.mp4"));
        softly.assertAll();
    }

    @Test
    @Order(3)
    @DisplayName("Webhooks: a render whose callback was lost is completed by the safety poll")
    void aLostCallbackIsMadeUpForByTheSafetyPoll() {
        String result = lost.awaitResult(SAFETY_POLL);
        String log = lost.console();
        assertThat(result).as("log:\n%s", log).isEqualTo("SUCCESS");
        SimulatorCounters counters = bed.simulator().counters();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(log).contains("Completion by webhook").doesNotContain("called back about prediction");
        softly.assertThat(counters.webhooks("refused"))
                .as("callbacks the misrouted URL refused")
                .isPositive();
        softly.assertThat(counters.jobsFor(LOST))
                .singleElement()
                .satisfies(job -> assertThat(job.polls()).as("safety polls").isBetween(1L, 3L));
        softly.check(() -> ClipChecks.assertArchivedClip(lost, "happyhorse/clip-1.mp4"));
        softly.assertAll();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private record Forgery(String name, String method, Map<String, String> headers, byte[] body, int status) {}

    private static Build render(String job, String prompt, int duration, String resolution) {
        RenderCall call = RenderCall.prompt(prompt)
                .images(IMAGE)
                .with("credentialsId", Testbed.CREDENTIALS_ID)
                .with("duration", duration)
                .with("resolution", resolution);
        return PipelineJob.create(bed.admin(), job, "echo 'rendered ' + " + call.groovy() + ".artifactPath")
                .scheduleBuild();
    }

    private static URI endpoint() {
        return URI.create(bed.jenkins().url() + "happyhorse-webhook/");
    }

    private static long polls(String marker) {
        return bed.simulator().counters().jobsFor(marker).stream()
                .mapToLong(SimulatorCounters.Job::polls)
                .sum();
    }

    /** The WaveSpeed account's webhook secret, as the host hands it to the key's holder. */
    private static String waveSpeedSecret() throws IOException, InterruptedException {
        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(URI.create(bed.simulator().waveSpeedBaseUrl() + "/api/v3/webhook/secret"))
                        .header("Authorization", "Bearer " + bed.apiKey())
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as("the secret's request").isEqualTo(200);
        JsonNode root = Json.parse(reply.body());
        JsonNode secret = root.path("data").path("secret");
        return (secret.isMissingNode() ? root.path("secret") : secret).asText();
    }

    private static HttpResponse<String> post(String method, URI url, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] body(String id) {
        return ("{\"id\":\"" + id + "\",\"status\":\"completed\",\"outputs\":[]}").getBytes(StandardCharsets.UTF_8);
    }

    /** WaveSpeed's documented signature over {@code id.timestamp.body} with {@code secret} (without whsec_). */
    private static Map<String, String> sign(String secret, String webhookId, Instant at, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    secret.substring("whsec_".length()).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((webhookId + "." + at.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "application/json");
            h.put("webhook-id", webhookId);
            h.put("webhook-timestamp", Long.toString(at.getEpochSecond()));
            h.put("webhook-signature", "v3," + HexFormat.of().formatHex(mac.doFinal(body)));
            return h;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> headers, Consumer<Map<String, String>> change) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        change.accept(h);
        return h;
    }

    private static void flip(Map<String, String> h) {
        String s = h.get("webhook-signature");
        char last = s.charAt(s.length() - 1);
        h.put("webhook-signature", s.substring(0, s.length() - 1) + (last == '0' ? '1' : '0'));
    }
}
