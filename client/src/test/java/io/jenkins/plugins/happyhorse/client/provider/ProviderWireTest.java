package io.jenkins.plugins.happyhorse.client.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpTransport;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ImageInspector;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import io.jenkins.plugins.happyhorse.client.testing.TestFiles;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each host quirk, answered byte for byte by a scripted loopback server. */
class ProviderWireTest {
    private static final String KEY = "sk-wire-test-55aa";

    @TempDir
    Path dir;

    private ScriptedHost host;
    private HttpTransport transport;
    private SteppedScheduler scheduler;

    @BeforeEach
    void start() throws IOException {
        host = new ScriptedHost();
        transport = new HttpTransport(ProxySettings.none(), Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
        scheduler = new SteppedScheduler();
    }

    @AfterEach
    void stop() {
        transport.close();
        host.close();
    }

    private HostSession session(URI base) {
        return new HostSession(
                transport,
                "Test Host",
                base,
                ApiKey.of(KEY),
                RetryPolicy.builder().random(new Random(1)).build(),
                scheduler,
                null);
    }

    /** The file as a parsed spec holds it: with the facts read from it once. */
    private static LocalImage local(Path file) throws Exception {
        return new LocalImage(file, ImageInspector.inspect(file));
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return HostSession.unwrap(e.getCause());
        }
    }

    private static String atlasData(String data) {
        return "{\"code\":200,\"message\":\"success\",\"data\":" + data + "}";
    }

    @Test
    void atlasReadsEveryOutputSpellingAndBothSuccessWords() throws Exception {
        AtlasCloudProvider atlas = new AtlasCloudProvider(host.base("/api/v1"));
        host.reply(
                        200,
                        atlasData(
                                "{\"id\":\"p\",\"status\":\"completed\",\"outputs\":[\"https://cdn.example/a.mp4\"]}"))
                .reply(
                        200,
                        atlasData("{\"id\":\"p\",\"status\":\"succeeded\",\"output\":\"https://cdn.example/b.mp4\"}"))
                .reply(
                        200,
                        atlasData("{\"id\":\"p\",\"status\":\"succeeded\",\"output\":[\"https://cdn.example/c.mp4\"]}"))
                .reply(200, atlasData("{\"id\":\"p\",\"status\":\"processing\",\"output\":null}"));
        HostSession s = session(atlas.baseUrl());
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Prediction p = get(atlas.poll(s, "p", Instant.EPOCH));
            assertThat(p.status()).isEqualTo(PredictionStatus.SUCCEEDED);
            urls.add(p.outputs().get(0).toString());
        }
        assertThat(urls)
                .containsExactly("https://cdn.example/a.mp4", "https://cdn.example/b.mp4", "https://cdn.example/c.mp4");
        assertThat(get(atlas.poll(s, "p", Instant.EPOCH)).status()).isEqualTo(PredictionStatus.PROCESSING);
        assertThat(host.received.get(0).path()).isEqualTo("/api/v1/model/prediction/p");
        assertThat(host.received.get(0).headers().get("Authorization")).containsExactly("Bearer " + KEY);
    }

    @Test
    void atlasReadsTheBodyOfA500BeforeCallingItAnOutage() throws Exception {
        AtlasCloudProvider atlas = new AtlasCloudProvider(host.base("/api/v1"));
        host.reply(
                500,
                "{\"code\":500,\"msg\":\"generation failed\",\"data\":{\"id\":\"p\",\"status\":\"failed\","
                        + "\"error\":\"generation failed\",\"error_code\":1001}}");
        Prediction p = get(atlas.poll(session(atlas.baseUrl()), "p", Instant.EPOCH));
        assertThat(p.status()).isEqualTo(PredictionStatus.FAILED);
        assertThat(p.error()).isEqualTo("generation failed");
        assertThat(host.received).hasSize(1);

        host.received.clear();
        host.reply(500, "{\"code\":500,\"msg\":\"internal error\",\"data\":null}")
                .reply(200, atlasData("{\"id\":\"p\",\"status\":\"processing\"}"));
        assertThat(get(atlas.poll(session(atlas.baseUrl()), "p", Instant.EPOCH)).status())
                .isEqualTo(PredictionStatus.PROCESSING);
        assertThat(host.received).hasSize(2);
    }

    @Test
    void atlasErrorCode1039IsAModerationFailureEvenWithAnotherWord() throws Exception {
        AtlasCloudProvider atlas = new AtlasCloudProvider(host.base("/api/v1"));
        host.reply(200, atlasData("{\"id\":\"p\",\"status\":\"processing\",\"error_code\":1039,\"error\":null}"));
        Prediction p = get(atlas.poll(session(atlas.baseUrl()), "p", Instant.EPOCH));
        assertThat(p.status()).isEqualTo(PredictionStatus.FAILED);
        assertThat(p.errorCode()).isEqualTo("1039");
        assertThat(p.error()).contains("moderation");
    }

    @Test
    void atlas404IsNotVisibleYetOnlyWithinTheWindowAfterSubmit() throws Exception {
        AtlasCloudProvider atlas = new AtlasCloudProvider(host.base("/api/v1"));
        String notFound = "{\"code\":404,\"msg\":\"prediction not found\",\"request_id\":\"r1\",\"data\":null}";
        host.reply(404, notFound)
                .reply(400, "{\"code\":400,\"msg\":\"not ready\",\"data\":null}")
                .reply(404, notFound);
        HostSession s = session(atlas.baseUrl());
        Instant justNow = scheduler.now();
        assertThat(get(atlas.poll(s, "p", justNow)).status()).isEqualTo(PredictionStatus.QUEUED);
        assertThat(get(atlas.poll(s, "p", justNow)).status()).isEqualTo(PredictionStatus.QUEUED);
        Throwable late = failure(atlas.poll(s, "p", justNow.minus(Duration.ofMinutes(5))));
        assertThat(late).isInstanceOf(JobFailedException.class).hasMessageContaining("does not know");
    }

    @Test
    void atlasHistoryFindsTheJobByItsInputsInEitherSpelling() throws Exception {
        AtlasCloudProvider atlas = new AtlasCloudProvider(host.base("/api/v1"));
        SubmittedInput ours = new SubmittedInput("a horse", List.of("https://m/1.png"), "720p", "16:9", 5, 3L);
        Instant submitted = Instant.parse("2026-05-01T10:00:00Z");
        host.reply(
                200,
                atlasData("{\"list\":["
                        + "{\"id\":\"other\",\"status\":\"processing\",\"created_at\":\"2026-05-01T10:00:05Z\","
                        + "\"input\":{\"prompt\":\"a cat\",\"images\":[\"https://m/1.png\"],\"resolution\":\"720p\","
                        + "\"aspect_ratio\":\"16:9\",\"duration\":5,\"seed\":3}},"
                        + "{\"id\":\"ours\",\"status\":\"starting\",\"created_at\":\"2026-05-01T10:00:01Z\","
                        + "\"input\":{\"prompt\":\"a horse\",\"images\":[\"https://m/1.png\"],\"resolution\":\"720P\","
                        + "\"ratio\":\"16:9\",\"duration\":5,\"seed\":3}},"
                        + "{\"id\":\"stale\",\"status\":\"completed\",\"created_at\":\"2026-05-01T09:00:00Z\","
                        + "\"input\":{\"prompt\":\"a horse\",\"images\":[\"https://m/1.png\"],\"resolution\":\"720p\","
                        + "\"aspect_ratio\":\"16:9\",\"duration\":5,\"seed\":3}}"
                        + "],\"total\":3,\"no\":1,\"size\":20}"));
        List<String> found = get(atlas.findSubmission(session(atlas.baseUrl()), "m/x", ours.digest(), submitted));
        assertThat(found).containsExactly("ours");
        assertThat(host.received.get(0).path()).isEqualTo("/api/v1/model/history?no=1&size=20&model=m%2Fx");
    }

    @Test
    void atlasAsksAgainAfterAGarbledReplyToAnIdempotentCall() throws Exception {
        AtlasCloudProvider atlas = new AtlasCloudProvider(host.base("/api/v1"));
        HostSession s = session(atlas.baseUrl());
        // Poll: not JSON, then JSON without its data object, then the real answer.
        host.reply(200, "{\"code\":200,\"data\":{\"id\":\"p\",\"sta")
                .reply(200, "{\"code\":200,\"message\":\"success\"}")
                .reply(200, atlasData("{\"id\":\"p\",\"status\":\"processing\"}"));
        assertThat(get(atlas.poll(s, "p", Instant.EPOCH)).status()).isEqualTo(PredictionStatus.PROCESSING);
        assertThat(host.received).hasSize(3);
        // Upload and history likewise.
        Path file = TestFiles.write(dir, "horse.png", TestFiles.png(8));
        host.reply(200, "\u0000garbage").reply(200, atlasData("{\"download_url\":\"https://m/h.png\"}"));
        assertThat(get(atlas.upload(s, ClipSpec.DEFAULT_MODEL, local(file)))).hasToString("https://m/h.png");
        host.reply(200, "<html>busy</html>").reply(200, atlasData("{\"list\":[],\"total\":0,\"no\":1,\"size\":20}"));
        assertThat(get(atlas.findSubmission(s, "m/x", "digest", Instant.EPOCH))).isEmpty();
        assertThat(host.received).hasSize(7);
    }

    @Test
    void atlasGivesUpOnGarbledRepliesWithAProtocolErrorSayingWhatToDo() throws Exception {
        AtlasCloudProvider atlas = new AtlasCloudProvider(host.base("/api/v1"));
        for (int i = 0; i < RetryPolicy.builder().build().maxAttempts(); i++) {
            host.reply(200, "not json at all", java.util.Map.of("X-Request-ID", "req-" + KEY));
        }
        Throwable error = failure(atlas.poll(session(atlas.baseUrl()), "p", Instant.EPOCH));
        assertThat(error)
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessageContaining("kept sending replies that cannot be read")
                .hasMessageContaining("resume the render later")
                // The request id is the host's text: a key echoed there is masked like anywhere else.
                .hasMessageContaining("req-****")
                .hasMessageNotContaining(KEY);
        assertThat(host.received).hasSize(RetryPolicy.builder().build().maxAttempts());
    }

    @Test
    void aRequestIdRepeatingTheKeyIsMaskedInEveryKindOfMessage() throws Exception {
        WaveSpeedProvider ws = new WaveSpeedProvider(host.base(""));
        java.util.Map<String, String> echo = java.util.Map.of("X-Request-ID", "id-" + KEY);
        host.reply(402, "{\"code\":402,\"message\":\"no credit\"}", echo);
        Throwable refused = failure(ws.submit(
                session(ws.baseUrl()),
                "m/x",
                new SubmittedInput("p", List.of("https://m/1.png"), "720p", "16:9", 5, null)));
        assertThat(refused).hasMessageContaining("id-****").hasMessageNotContaining(KEY);
        RetryPolicy once = RetryPolicy.builder().maxAttempts(1).build();
        HostSession s = new HostSession(transport, "Test Host", ws.baseUrl(), ApiKey.of(KEY), once, scheduler, null);
        host.reply(503, "{\"code\":503,\"message\":\"busy\"}", echo);
        Throwable unavailable = failure(ws.poll(s, "p", Instant.EPOCH));
        assertThat(unavailable).hasMessageContaining("id-****").hasMessageNotContaining(KEY);
    }

    @Test
    void atlasHistoryDatesBeyondAnyCalendarCountAsUndated() throws Exception {
        for (String epoch : new String[] {"-99999999999999999", "-9223372036854775808", "-31557014167219201"}) {
            assertThat(AtlasCloudProvider.instant(Json.MAPPER.readTree(epoch)))
                    .as(epoch)
                    .isNull();
        }
        assertThat(AtlasCloudProvider.instant(Json.MAPPER.readTree("1777629601")))
                .isEqualTo(Instant.parse("2026-05-01T10:00:01Z"));
    }

    @Test
    void atlasUploadsAStreamedMultipartBodyWithTheExactLength() throws Exception {
        AtlasCloudProvider atlas = new AtlasCloudProvider(host.base("/api/v1"));
        byte[] png = TestFiles.png(200_000);
        Path file = TestFiles.write(dir, "ref image.png", png);
        host.reply(
                200,
                atlasData("{\"type\":\"image\",\"download_url\":\"https://m/u.png\",\"filename\":\"x\",\"size\":1}"));
        URI url = get(atlas.upload(session(atlas.baseUrl()), ClipSpec.DEFAULT_MODEL, local(file)));
        assertThat(url).hasToString("https://m/u.png");
        ScriptedHost.Received r = host.received.get(0);
        assertThat(r.headers().get("Content-length")).containsExactly(Integer.toString(r.body().length));
        String contentType = r.headers().get("Content-type").get(0);
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String text = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("name=\"file\"; filename=\"ref_image.png\"").contains("Content-Type: image/png");
        int start = text.indexOf("\r\n\r\n") + 4;
        byte[] sent = java.util.Arrays.copyOfRange(r.body(), start, start + png.length);
        assertThat(sent).isEqualTo(png);
        assertThat(text.substring(start + png.length)).startsWith("\r\n--").endsWith("--\r\n");
    }

    @Test
    void waveSpeedPutsTheBytesWithExactlyTheSignedHeadersAndNoKey() throws Exception {
        WaveSpeedProvider ws = new WaveSpeedProvider(host.base(""));
        byte[] jpeg = TestFiles.jpeg(70_000);
        Path file = TestFiles.write(dir, "a.jpg", jpeg);
        String putUrl = host.base("/put/tok1").toString();
        host.reply(
                        200,
                        "{\"code\":200,\"message\":\"ok\",\"data\":{\"download_url\":\"https://m/a.jpg\",\"upload\":"
                                + "{\"method\":\"PUT\",\"url\":\"" + putUrl
                                + "\",\"headers\":{\"Content-Type\":\"image/jpeg\","
                                + "\"x-amz-meta-sig\":\"abc\",\"Authorization\":\"nope\",\"Content-Length\":\"70000\"}}}}")
                .reply(200, "");
        URI url = get(ws.upload(session(ws.baseUrl()), ClipSpec.DEFAULT_MODEL, local(file)));
        assertThat(url).hasToString("https://m/a.jpg");
        ScriptedHost.Received announce = host.received.get(0);
        assertThat(new String(announce.body(), StandardCharsets.UTF_8))
                .contains("\"filename\":\"a.jpg\"", "\"size\":70000", "\"content_type\":\"image/jpeg\"");
        ScriptedHost.Received put = host.received.get(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.headers()).doesNotContainKey("Authorization");
        assertThat(put.headers().get("X-amz-meta-sig")).containsExactly("abc");
        assertThat(put.headers().get("Content-type")).containsExactly("image/jpeg");
        assertThat(put.body()).isEqualTo(jpeg);
    }

    @Test
    void aSubmitRefusalEchoingTheKeyIsRedacted() throws Exception {
        WaveSpeedProvider ws = new WaveSpeedProvider(host.base(""));
        host.reply(400, "{\"code\":400,\"message\":\"bad token " + KEY + " for prompt\"}");
        Throwable error = failure(ws.submit(
                session(ws.baseUrl()),
                "m/x",
                new SubmittedInput("p", List.of("https://m/1.png"), "720p", "16:9", 5, null)));
        assertThat(error).isInstanceOf(InvalidRequestException.class);
        assertThat(error.getMessage()).doesNotContain(KEY).contains("****");
        assertThat(host.received).hasSize(1);
        assertThat(new String(host.received.get(0).body(), StandardCharsets.UTF_8))
                .doesNotContain("seed");
    }

    @Test
    void aSubmitAnswered502IsAmbiguousNotRetried() throws Exception {
        AtlasCloudProvider atlas = new AtlasCloudProvider(host.base("/api/v1"));
        host.reply(502, "<html>bad gateway</html>");
        Throwable error = failure(atlas.submit(
                session(atlas.baseUrl()),
                "m/x",
                new SubmittedInput("p", List.of("https://m/1.png"), "1080p", "1:1", 3, 9L)));
        assertThat(error).isInstanceOf(SubmitReplyLostException.class);
        assertThat(host.received).hasSize(1);
        String body = new String(host.received.get(0).body(), StandardCharsets.UTF_8);
        assertThat(body)
                .contains("\"model\":\"m/x\"", "\"aspect_ratio\":\"1:1\"", "\"resolution\":\"1080p\"", "\"seed\":9");
    }

    @Test
    void theKeyIsNeverSentToAnotherOriginEvenForAnApiCall() throws Exception {
        HostSession s = session(URI.create("http://127.0.0.2:1/api"));
        Throwable error = failure(s.send(io.jenkins.plugins.happyhorse.client.http.HttpCall.api(
                "GET", host.base("/api/v1/model/prediction/p"), null)));
        assertThat(error).hasMessageContaining("Refused to send the API key");
        assertThat(host.received).isEmpty();
    }
}
