package io.jenkins.plugins.happyhorse.client.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.InsufficientBalanceException;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpTransport;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model Studio's wire format, byte for byte, against a scripted loopback server. */
class ModelStudioWireTest {
    private static final String KEY = "sk-ms-wire-77cc";
    private static final String MODEL = "happyhorse-1.0-r2v";

    @TempDir
    Path dir;

    private ScriptedHost host;
    private HttpTransport transport;
    private ModelStudioProvider ms;
    private HostSession session;

    @BeforeEach
    void start() throws IOException {
        host = new ScriptedHost();
        transport = new HttpTransport(ProxySettings.none(), Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
        ms = new ModelStudioProvider(host.base("/api/v1"));
        session = new HostSession(
                transport,
                "Model Studio",
                ms.baseUrl(),
                ApiKey.of(KEY),
                RetryPolicy.builder()
                        .random(new Random(1))
                        .baseDelay(Duration.ofMillis(10))
                        .build(),
                new SteppedScheduler(),
                null);
    }

    @AfterEach
    void stop() {
        transport.close();
        host.close();
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

    private static String header(ScriptedHost.Received r, String name) {
        List<String> values = r.headers().get(name);
        return values == null ? null : values.get(0);
    }

    private String policy(String uploadHost) {
        return "{\"request_id\":\"r-1\",\"data\":{\"policy\":\"eyJleHAiOjF9\",\"signature\":\"c2ln+/=\","
                + "\"upload_dir\":\"dashscope-instant/abc/2026-05-01/u-1\",\"upload_host\":\"" + uploadHost + "\","
                + "\"expire_in_seconds\":300,\"max_file_size_mb\":20,\"capacity_limit_mb\":999999999,"
                + "\"oss_access_key_id\":\"LTAI5tTEST\",\"x_oss_object_acl\":\"private\","
                + "\"x_oss_forbid_overwrite\":\"true\"}}";
    }

    @Test
    void uploadsWithOnePolicyTheSignedFormInTheSdksOrderAndTheFileLastWithoutTheKey() throws Exception {
        byte[] png = TestFiles.png(150_000, 800, 600);
        Path file = TestFiles.write(dir, "ref image.png", png);
        // The storage path is on the API's own origin here: the key must still not go there.
        host.reply(200, policy(host.base("/storage").toString())).reply(200, "");

        URI url = get(ms.upload(session, MODEL, new LocalImage(file, ImageInspector.inspect(file))));

        assertThat(url).hasToString("oss://dashscope-instant/abc/2026-05-01/u-1/ref_image.png");
        assertThat(host.received).hasSize(2);
        ScriptedHost.Received policy = host.received.get(0);
        assertThat(policy.method()).isEqualTo("GET");
        assertThat(policy.path()).isEqualTo("/api/v1/uploads?action=getPolicy&model=happyhorse-1.0-r2v");
        assertThat(header(policy, "Authorization")).isEqualTo("Bearer " + KEY);

        ScriptedHost.Received post = host.received.get(1);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/storage");
        assertThat(post.headers()).doesNotContainKey("Authorization");
        assertThat(header(post, "Content-length")).isEqualTo(Integer.toString(post.body().length));
        String form = new String(post.body(), StandardCharsets.ISO_8859_1);
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("Content-Disposition: form-data; name=\"([^\"]+)\"")
                .matcher(form);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names)
                .containsExactly(
                        "OSSAccessKeyId",
                        "Signature",
                        "policy",
                        "key",
                        "x-oss-object-acl",
                        "x-oss-forbid-overwrite",
                        "success_action_status",
                        "x-oss-content-type",
                        "file");
        assertThat(form)
                .contains("name=\"Signature\"\r\n\r\nc2ln+/=\r\n")
                .contains("name=\"key\"\r\n\r\ndashscope-instant/abc/2026-05-01/u-1/ref_image.png\r\n")
                .contains("name=\"success_action_status\"\r\n\r\n200\r\n")
                .contains("name=\"x-oss-content-type\"\r\n\r\nimage/png\r\n")
                .contains("name=\"file\"; filename=\"ref_image.png\"\r\nContent-Type: image/png\r\n\r\n");
        int start = form.indexOf("filename=\"ref_image.png\"");
        start = form.indexOf("\r\n\r\n", start) + 4;
        assertThat(java.util.Arrays.copyOfRange(post.body(), start, start + png.length))
                .isEqualTo(png);
        assertThat(form.substring(start + png.length)).startsWith("\r\n--").endsWith("--\r\n");
    }

    @Test
    void aStorageReplyThatIsNotObjectStoragesIsPostedAgainAndAFileAlreadyThereCounts() throws Exception {
        Path file = TestFiles.write(dir, "a.png", TestFiles.png(100, 800, 600));
        host.reply(200, policy(host.base("/storage").toString()))
                .reply(200, "{\"code\":200,\"data\":{\"id\":")
                .reply(409, "<?xml version=\"1.0\"?><Error><Code>FileAlreadyExists</Code></Error>");
        URI url = get(ms.upload(session, MODEL, new LocalImage(file, ImageInspector.inspect(file))));
        assertThat(url).hasToString("oss://dashscope-instant/abc/2026-05-01/u-1/a.png");
        assertThat(host.received)
                .extracting(ScriptedHost.Received::path)
                .containsExactly("/api/v1/uploads?action=getPolicy&model=happyhorse-1.0-r2v", "/storage", "/storage");
    }

    @Test
    void aStorageRefusalNamesTheStoragesCode() throws Exception {
        Path file = TestFiles.write(dir, "a.png", TestFiles.png(100, 800, 600));
        host.reply(200, policy(host.base("/storage").toString()))
                .reply(403, "<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code></Error>");
        Throwable error = failure(ms.upload(session, MODEL, new LocalImage(file, ImageInspector.inspect(file))));
        assertThat(error).hasMessageContaining("SignatureDoesNotMatch").hasMessageContaining("Nothing was submitted");
    }

    @Test
    void submitsAsynchronouslyWithTheMediaListAndTheResolveHeaderOnlyForOssUrls() throws Exception {
        host.reply(200, "{\"request_id\":\"r\",\"output\":{\"task_id\":\"t-1\",\"task_status\":\"PENDING\"}}")
                .reply(200, "{\"request_id\":\"r\",\"output\":{\"task_id\":\"t-2\",\"task_status\":\"PENDING\"}}");
        SubmittedInput local =
                new SubmittedInput("a horse", List.of("oss://d/u/a.png", "https://m/b.png"), "1080p", "9:16", 7, 42L);
        assertThat(get(ms.submit(session, MODEL, local))).isEqualTo("t-1");
        SubmittedInput remote =
                new SubmittedInput("a horse", List.of("https://m/b.png"), "720p", "16:9", 5, null, true);
        assertThat(get(ms.submit(session, MODEL, remote))).isEqualTo("t-2");

        ScriptedHost.Received first = host.received.get(0);
        assertThat(first.path()).isEqualTo("/api/v1/services/aigc/video-generation/video-synthesis");
        assertThat(header(first, "X-dashscope-async")).isEqualTo("enable");
        assertThat(header(first, "X-dashscope-ossresourceresolve")).isEqualTo("enable");
        JsonNode body = Json.MAPPER.readTree(first.body());
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("input").path("prompt").asText()).isEqualTo("a horse");
        assertThat(body.path("input").path("media").toString())
                .isEqualTo("[{\"type\":\"reference_image\",\"url\":\"oss://d/u/a.png\"},"
                        + "{\"type\":\"reference_image\",\"url\":\"https://m/b.png\"}]");
        assertThat(body.path("parameters").toString())
                .isEqualTo("{\"resolution\":\"1080P\",\"ratio\":\"9:16\",\"duration\":7,\"seed\":42,"
                        + "\"watermark\":false}");

        ScriptedHost.Received second = host.received.get(1);
        assertThat(header(second, "X-dashscope-async")).isEqualTo("enable");
        assertThat(second.headers()).doesNotContainKey("X-dashscope-ossresourceresolve");
        assertThat(Json.MAPPER.readTree(second.body()).path("parameters").toString())
                .isEqualTo("{\"resolution\":\"720P\",\"ratio\":\"16:9\",\"duration\":5,\"watermark\":true}");
    }

    @Test
    void theSubmitsRefusalsAreTypedAndNeverRepeated() throws Exception {
        SubmittedInput input = new SubmittedInput("p", List.of("https://m/1.png"), "720p", "16:9", 5, null);
        host.reply(
                429,
                "{\"request_id\":\"r\",\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit"
                        + " exceeded, please try again later.\"}");
        assertThat(failure(ms.submit(session, MODEL, input)))
                .isExactlyInstanceOf(RateLimitedException.class)
                .hasMessageContaining("Throttling.RateQuota")
                .hasMessageContaining("no job was created and nothing was charged");
        host.reply(400, "{\"request_id\":\"r\",\"code\":\"Arrearage\",\"message\":\"Access denied.\"}");
        assertThat(failure(ms.submit(session, MODEL, input)))
                .isExactlyInstanceOf(InsufficientBalanceException.class)
                .hasMessageContaining("Top up");
        host.reply(
                401,
                "{\"request_id\":\"r-9\",\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key" + " provided.\"}");
        assertThat(failure(ms.submit(session, MODEL, input)))
                .isExactlyInstanceOf(AuthenticationException.class)
                .hasMessageContaining("another region or workspace than the base URL in use, " + ms.baseUrl())
                .hasMessageContaining("Request id: r-9")
                .hasMessageNotContaining(KEY);
        host.reply(503, "{\"request_id\":\"r\",\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}");
        assertThat(failure(ms.submit(session, MODEL, input))).isInstanceOf(SubmitReplyLostException.class);
        host.reply(200, "{\"request_id\":\"r\",\"output\":{}}");
        assertThat(failure(ms.submit(session, MODEL, input))).isInstanceOf(SubmitReplyLostException.class);
        assertThat(host.received).hasSize(5);
    }

    @Test
    void readsEveryStateAndTellsContentRefusalsApart() throws Exception {
        host.reply(200, "{\"output\":{\"task_id\":\"t\",\"task_status\":\"PENDING\"}}")
                .reply(200, "{\"output\":{\"task_id\":\"t\",\"task_status\":\"SUSPENDED\"}}")
                .reply(200, "{\"output\":{\"task_id\":\"t\",\"task_status\":\"RUNNING\"}}")
                .reply(
                        200,
                        "{\"output\":{\"task_id\":\"t\",\"task_status\":\"SUCCEEDED\",\"video_url\":"
                                + "\"https://m/v.mp4?Expires=1\"},\"usage\":{\"duration\":5}}")
                .reply(200, "{\"output\":{\"task_id\":\"t\",\"task_status\":\"CANCELED\"}}")
                .reply(
                        200,
                        "{\"output\":{\"task_id\":\"t\",\"task_status\":\"FAILED\",\"code\":"
                                + "\"DataInspectionFailed\",\"message\":\"Input data may contain inappropriate content.\"}}")
                .reply(
                        200,
                        "{\"output\":{\"task_id\":\"t\",\"task_status\":\"FAILED\",\"code\":"
                                + "\"InternalError.Algo\",\"message\":\"failed\"}}");
        List<PredictionStatus> expected = List.of(
                PredictionStatus.QUEUED,
                PredictionStatus.QUEUED,
                PredictionStatus.PROCESSING,
                PredictionStatus.SUCCEEDED,
                PredictionStatus.CANCELLED,
                PredictionStatus.FAILED,
                PredictionStatus.FAILED);
        List<Prediction> seen = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            seen.add(get(ms.poll(session, "t", Instant.EPOCH)));
        }
        assertThat(seen).extracting(Prediction::status).containsExactlyElementsOf(expected);
        assertThat(seen.get(1).hostStatus()).isEqualTo("SUSPENDED");
        assertThat(seen.get(3).outputs()).containsExactly(URI.create("https://m/v.mp4?Expires=1"));
        assertThat(seen.get(5).moderated()).isTrue();
        assertThat(seen.get(5).errorCode()).isEqualTo("DataInspectionFailed");
        assertThat(seen.get(6).moderated()).isFalse();
        assertThat(host.received).allSatisfy(r -> assertThat(r.path()).isEqualTo("/api/v1/tasks/t"));
    }

    @Test
    void unknownIsAFinalAnswerAndAGarbledReplyIsAskedAgain() throws Exception {
        host.reply(200, "<html>busy</html>")
                .reply(200, "{\"request_id\":\"r\",\"output\":{\"task_id\":\"t\",\"task_status\":\"UNKNOWN\"}}");
        assertThat(failure(ms.poll(session, "t", null)))
                .isExactlyInstanceOf(JobFailedException.class)
                .hasMessageContaining("status UNKNOWN");
        assertThat(host.received).hasSize(2);
    }

    @Test
    void theTaskListIsAskedForTheModelAroundTheSubmitInBeijingTime() throws Exception {
        Instant submitted = Instant.parse("2026-05-01T10:00:00Z");
        long inside = submitted.plusSeconds(1).toEpochMilli();
        long outside = submitted.minusSeconds(600).toEpochMilli();
        host.reply(
                200,
                "{\"request_id\":\"r\",\"data\":[{\"task_id\":\"new\",\"model_name\":\"" + MODEL
                        + "\",\"status\":\"RUNNING\",\"gmt_create\":" + inside
                        + "},{\"task_id\":\"old\",\"model_name\":\"" + MODEL + "\",\"status\":\"SUCCEEDED\","
                        + "\"gmt_create\":" + outside + "},{\"task_id\":\"printed\",\"model_name\":\"" + MODEL
                        + "\",\"gmt_create\":\"2026-05-01 18:01:00.000\"}],\"total\":3,\"total_page\":1,"
                        + "\"page_no\":1,\"page_size\":100}");
        List<String> ids = get(ms.findSubmission(session, MODEL, "digest", submitted));
        assertThat(ids).containsExactly("new", "printed");
        assertThat(host.received.get(0).path())
                .isEqualTo("/api/v1/tasks?start_time=20260501175800&end_time=20260501180201"
                        + "&model_name=happyhorse-1.0-r2v&page_no=1&page_size=100");
    }
}
