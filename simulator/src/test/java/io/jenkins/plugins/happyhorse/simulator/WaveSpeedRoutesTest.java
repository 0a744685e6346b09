package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaveSpeedRoutesTest extends SimulatorTestSupport {
    private static final byte[] PNG_BYTES = "\u0089PNG fake image bytes".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void presignedUploadStoresTheBytesOnTheMediaOrigin() throws Exception {
        HttpResponse<byte[]> announce = client.postJson(
                ws("/api/v3/media/uploads"),
                Map.of("filename", "ref one.png", "size", PNG_BYTES.length, "content_type", "image/png"));
        assertThat(announce.statusCode()).isEqualTo(200);
        JsonNode data = TestClient.json(announce).path("data");
        assertThat(TestClient.json(announce).path("code").asInt()).isEqualTo(200);
        JsonNode upload = data.path("upload");
        assertThat(upload.path("method").asText()).isEqualTo("PUT");
        String putUrl = upload.path("url").asText();
        String downloadUrl = data.path("download_url").asText();
        assertThat(putUrl).startsWith(sim.mediaBaseUrl().toString());
        assertThat(downloadUrl).startsWith(sim.mediaBaseUrl().toString()).endsWith("/ref_one.png");
        assertThat(client.send(HttpRequest.newBuilder(URI.create(downloadUrl))).statusCode())
                .as("nothing to download before the PUT")
                .isEqualTo(404);

        HttpResponse<byte[]> put = client.send(signedPut(putUrl, upload.path("headers"), PNG_BYTES));

        assertThat(put.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> download = client.send(HttpRequest.newBuilder(URI.create(downloadUrl)));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PNG_BYTES);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(sim.stats().requests(Route.WS_UPLOAD)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.MEDIA_PUT)).isEqualTo(1);
        assertThat(sim.stats().mediaAuthorizations()).isEmpty();
    }

    @Test
    void presignedPutWhoseHeadersDifferIsRefused() throws Exception {
        JsonNode upload = announce(PNG_BYTES.length).path("upload");
        String url = upload.path("url").asText();

        HttpResponse<byte[]> wrongType = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "image/jpeg")
                .header(
                        "x-sim-upload-signature",
                        upload.path("headers").path("x-sim-upload-signature").asText())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PNG_BYTES)));
        HttpResponse<byte[]> unsigned = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PNG_BYTES)));

        assertThat(wrongType.statusCode()).isEqualTo(403);
        assertThat(new String(wrongType.body(), StandardCharsets.UTF_8)).contains("SignatureDoesNotMatch");
        assertThat(unsigned.statusCode()).isEqualTo(403);
    }

    @Test
    void presignedPutOfAnotherSizeIsRefusedAndStoresNothing() throws Exception {
        JsonNode data = announce(PNG_BYTES.length + 1);
        HttpResponse<byte[]> put = client.send(signedPut(
                data.path("upload").path("url").asText(), data.path("upload").path("headers"), PNG_BYTES));

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(client.send(HttpRequest.newBuilder(
                                URI.create(data.path("download_url").asText())))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void presignedPutCarryingTheKeyIsRecordedWithoutItsValueAndRefused() throws Exception {
        JsonNode upload = announce(PNG_BYTES.length).path("upload");
        HttpRequest.Builder put = signedPut(upload.path("url").asText(), upload.path("headers"), PNG_BYTES)
                .header("Authorization", "Bearer " + KEY);

        assertThat(client.send(put).statusCode()).isEqualTo(400);
        List<MediaAuthorization> seen = sim.stats().mediaAuthorizations();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).carriesApiKey()).isTrue();
        assertThat(seen.get(0).scheme()).isEqualTo("Bearer");
        assertThat(seen.get(0).method()).isEqualTo("PUT");
        assertThat(seen.toString()).doesNotContain(KEY);
    }

    @Test
    void announcingAnImageOverTwentyMegabytesIsRefused() throws Exception {
        HttpResponse<byte[]> reply = client.postJson(
                ws("/api/v3/media/uploads"),
                Map.of("filename", "big.png", "size", 21 * 1024 * 1024, "content_type", "image/png"));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(reply).path("message").asText()).startsWith("size:");
    }

    @Test
    void binaryUploadServesTheFileFromTheMediaOrigin() throws Exception {
        HttpResponse<byte[]> reply = client.upload(ws("/api/v3/media/upload/binary"), "a.png", "image/png", PNG_BYTES);

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode data = TestClient.json(reply).path("data");
        assertThat(data.path("type").asText()).isEqualTo("image");
        assertThat(data.path("size").asLong()).isEqualTo(PNG_BYTES.length);
        HttpResponse<byte[]> download = client.send(
                HttpRequest.newBuilder(URI.create(data.path("download_url").asText())));
        assertThat(download.body()).isEqualTo(PNG_BYTES);
    }

    @Test
    void binaryUploadWithoutAFileFieldIsRefused() throws Exception {
        String boundary = "b0undary";
        HttpResponse<byte[]> reply = client.send(client.authed(ws("/api/v3/media/upload/binary"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(TestClient.multipart(boundary, "image", "a.png", "image/png", PNG_BYTES)));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(reply).path("message").asText()).startsWith("file:");
    }

    @Test
    void aJobGoesFromCreatedThroughProcessingToCompleted() throws Exception {
        HttpResponse<byte[]> submitted =
                client.postJson(ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video"), body());
        JsonNode data = TestClient.json(submitted).path("data");
        String id = data.path("id").asText();
        assertThat(data.path("status").asText()).isEqualTo("created");
        assertThat(data.path("urls").path("get").asText())
                .isEqualTo(sim.waveSpeedBaseUrl() + "/api/v3/predictions/" + id + "/result");

        assertThat(waveSpeedResult(id).path("status").asText()).isEqualTo("created");
        advance(Duration.ofSeconds(30));
        assertThat(waveSpeedResult(id).path("status").asText()).isEqualTo("processing");
        assertThat(waveSpeedResult(id).path("outputs")).isEmpty();
        advance(Duration.ofSeconds(70));
        JsonNode done = waveSpeedResult(id);
        HttpResponse<byte[]> older = client.get(ws("/api/v3/predictions/" + id));

        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("model").asText()).isEqualTo("alibaba/happyhorse-1.0/reference-to-video");
        assertThat(done.path("outputs").get(0).asText())
                .startsWith(sim.mediaBaseUrl().toString());
        assertThat(done.path("timings").path("inference").asLong()).isEqualTo(100_000);
        assertThat(TestClient.json(older).path("data").path("status").asText()).isEqualTo("completed");
        assertThat(sim.stats().requests(Route.WS_RESULT)).isEqualTo(4);
        assertThat(sim.stats().requests(Route.WS_PREDICTION)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.WAVESPEED)).isEqualTo(1);
    }

    @Test
    void aFailedJobAnswersHttp200WithStatusFailed() throws Exception {
        sim.faults().nextJob(Outcome.FAIL);
        String id = submitWaveSpeed(body());
        advance(PROCESSING);

        HttpResponse<byte[]> reply = client.get(ws("/api/v3/predictions/" + id + "/result"));

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode data = TestClient.json(reply).path("data");
        assertThat(data.path("status").asText()).isEqualTo("failed");
        assertThat(data.path("error").asText()).isNotBlank();
        assertThat(data.path("outputs")).isEmpty();
    }

    @Test
    void timeoutCancelModerationAndUnknownStatusHaveTheirOwnWords() throws Exception {
        sim.faults()
                .nextJob(Outcome.TIMEOUT)
                .nextJob(Outcome.CANCEL)
                .nextJob(Outcome.MODERATION)
                .nextJob(Outcome.UNKNOWN_STATUS);
        String timeout = submitWaveSpeed(body());
        String cancel = submitWaveSpeed(body());
        String moderation = submitWaveSpeed(body());
        String unknown = submitWaveSpeed(body());
        advance(PROCESSING.plusSeconds(1));

        assertThat(waveSpeedResult(timeout).path("status").asText()).isEqualTo("timeout");
        assertThat(waveSpeedResult(cancel).path("status").asText()).isEqualTo("cancelled");
        JsonNode moderated = waveSpeedResult(moderation);
        assertThat(moderated.path("status").asText()).isEqualTo("failed");
        assertThat(moderated.path("has_nsfw_contents").get(0).asBoolean()).isTrue();
        assertThat(waveSpeedResult(unknown).path("status").asText()).isEqualTo("suspended");
        advance(Duration.ofHours(1));
        assertThat(waveSpeedResult(unknown).path("status").asText())
                .as("never leaves it")
                .isEqualTo("suspended");
    }

    @Test
    void anUnknownPredictionAnswers404() throws Exception {
        HttpResponse<byte[]> reply = client.get(ws("/api/v3/predictions/0123abcd/result"));

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(TestClient.json(reply).path("code").asInt()).isEqualTo(404);
    }

    @Test
    void anAtlasJobIsUnknownOnWaveSpeed() throws Exception {
        String id = submitAtlas(atlasBody());

        assertThat(client.get(ws("/api/v3/predictions/" + id + "/result")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void requestsWithoutTheRightKeyAre401AndTheReplyNamesNoKey() throws Exception {
        URI submit = ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video");
        byte[] json = TestClient.JSON.writeValueAsBytes(body());
        HttpResponse<byte[]> none = client.send(HttpRequest.newBuilder(submit)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
        HttpResponse<byte[]> wrong = client.send(HttpRequest.newBuilder(submit)
                .header("Authorization", "Bearer not-" + KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(TestClient.json(none).path("code").asInt()).isEqualTo(401);
        assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).doesNotContain(KEY);
        assertThat(sim.stats().authenticationFailures()).isEqualTo(2);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void invalidSubmissionsAre400WithAMessageNamingTheField() throws Exception {
        List<Object[]> cases = List.of(
                new Object[] {body("images", List.of()), "images:"},
                new Object[] {body("images", Collections.nCopies(10, "https://x.invalid/a.png")), "images:"},
                new Object[] {body("images", List.of("file:///etc/passwd")), "images[0]:"},
                new Object[] {body("images", null), "images:"},
                new Object[] {body("prompt", " "), "prompt:"},
                new Object[] {body("prompt", null), "prompt:"},
                new Object[] {body("resolution", "480p"), "resolution:"},
                new Object[] {body("resolution", "720P"), "resolution:"},
                new Object[] {body("aspect_ratio", "21:9"), "aspect_ratio:"},
                new Object[] {body("duration", 2), "duration:"},
                new Object[] {body("duration", 16), "duration:"},
                new Object[] {body("duration", 5.5), "duration:"},
                new Object[] {body("duration", "5"), "duration:"},
                new Object[] {body("seed", -1), "seed:"},
                new Object[] {body("seed", 2147483648L), "seed:"});
        for (Object[] c : cases) {
            HttpResponse<byte[]> reply = client.postJson(ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video"), c[0]);
            assertThat(reply.statusCode()).as("%s", c[0]).isEqualTo(400);
            assertThat(TestClient.json(reply).path("message").asText())
                    .as("%s", c[0])
                    .contains((String) c[1]);
        }
        HttpResponse<byte[]> notJson =
                client.send(client.authed(ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video"))
                        .POST(HttpRequest.BodyPublishers.ofString("{oops")));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void edgeValuesAreAccepted() throws Exception {
        submitWaveSpeed(body("duration", 3, "seed", 0));
        submitWaveSpeed(body("duration", 15, "seed", 2147483647L, "resolution", "1080p", "aspect_ratio", "3:4"));
        submitWaveSpeed(body("images", Collections.nCopies(9, "https://x.invalid/a.png"), "seed", null));

        assertThat(sim.stats().submissions(Host.WAVESPEED)).isEqualTo(3);
    }

    @Test
    void chargesFollowTheWaveSpeedFormula() throws Exception {
        String short720 = submitWaveSpeed(body("duration", 3));
        submitWaveSpeed(body("duration", 15, "resolution", "1080p"));

        assertThat(sim.stats().charges(Host.WAVESPEED)).isEqualByComparingTo("4.62");
        assertThat(sim.job(short720).orElseThrow().cost()).isEqualByComparingTo("0.42");
        assertThat(sim.stats().charges(Host.ATLASCLOUD)).isEqualByComparingTo("0");
    }

    @Test
    void anExhaustedBalanceAnswers402AndCreatesNothing() throws Exception {
        sim.setBalance(Host.WAVESPEED, new BigDecimal("1.00"));
        submitWaveSpeed(body());

        HttpResponse<byte[]> reply = client.postJson(ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video"), body());

        assertThat(reply.statusCode()).isEqualTo(402);
        assertThat(TestClient.json(reply).path("message").asText()).contains("balance");
        assertThat(sim.stats().submissions(Host.WAVESPEED)).isEqualTo(1);
        assertThat(sim.balance(Host.WAVESPEED))
                .hasValueSatisfying(b -> assertThat(b).isEqualByComparingTo("0.30"));
    }

    @Test
    void unknownWaveSpeedPathsAnswer404() throws Exception {
        assertThat(client.get(ws("/api/v3/nothing/here")).statusCode()).isEqualTo(404);
        assertThat(sim.stats().unmatchedRequests()).isEqualTo(1);
    }

    private JsonNode announce(long size) throws Exception {
        HttpResponse<byte[]> reply = client.postJson(
                ws("/api/v3/media/uploads"), Map.of("filename", "a.png", "size", size, "content_type", "image/png"));
        assertThat(reply.statusCode()).isEqualTo(200);
        return TestClient.json(reply).path("data");
    }

    private static HttpRequest.Builder signedPut(String url, JsonNode headers, byte[] bytes) {
        HttpRequest.Builder put =
                HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.fields()
                .forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        return put;
    }
}
