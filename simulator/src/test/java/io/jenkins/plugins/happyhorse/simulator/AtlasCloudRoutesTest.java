package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AtlasCloudRoutesTest extends SimulatorTestSupport {

    @Test
    void uploadMediaServesTheFileFromTheMediaOrigin() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};
        HttpResponse<byte[]> reply = client.upload(atlas("/model/uploadMedia"), "shot.jpg", "image/jpeg", jpeg);

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode data = TestClient.json(reply).path("data");
        assertThat(data.path("type").asText()).isEqualTo("image");
        assertThat(data.path("filename").asText()).isEqualTo("shot.jpg");
        assertThat(data.path("size").asLong()).isEqualTo(jpeg.length);
        String url = data.path("download_url").asText();
        assertThat(url).startsWith(sim.mediaBaseUrl().toString());
        assertThat(client.send(HttpRequest.newBuilder(URI.create(url))).body()).isEqualTo(jpeg);
        assertThat(sim.stats().requests(Route.AC_UPLOAD)).isEqualTo(1);
    }

    @Test
    void aFlatSubmissionAnswersTheIdUnderData() throws Exception {
        HttpResponse<byte[]> reply = client.postJson(atlas("/model/generateVideo"), atlasBody());

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode json = TestClient.json(reply);
        assertThat(json.path("code").asInt()).isEqualTo(200);
        assertThat(json.path("data").path("id").asText()).isNotBlank();
        assertThat(json.path("data").path("status").asText()).isEqualTo("starting");
        assertThat(json.has("id")).as("no top-level id").isFalse();
        assertThat(reply.headers().firstValue("X-Request-ID")).isPresent();
        assertThat(sim.stats().submissions(Host.ATLASCLOUD)).isEqualTo(1);
    }

    @Test
    void bothSpellingsOfAspectRatioAndResolutionAreAccepted() throws Exception {
        String ratio = submitAtlas(atlasBody("aspect_ratio", null, "ratio", "9:16", "resolution", "1080P"));
        String plain = submitAtlas(atlasBody("aspect_ratio", "4:3", "resolution", "720p"));

        SimulatedJob first = sim.job(ratio).orElseThrow();
        assertThat(first.parameters().aspectRatio()).isEqualTo("9:16");
        assertThat(first.parameters().resolution()).isEqualTo("1080p");
        assertThat(sim.job(plain).orElseThrow().parameters().aspectRatio()).isEqualTo("4:3");
    }

    @Test
    void theNestedInputFormIsRefusedWithA400ThatSaysSo() throws Exception {
        Map<String, Object> nested = Map.of(
                "model",
                "alibaba/happyhorse-1.0/reference-to-video",
                "input",
                Map.of("prompt", "a horse", "images", List.of("https://x.invalid/a.png")));

        HttpResponse<byte[]> reply = client.postJson(atlas("/model/generateVideo"), nested);

        assertThat(reply.statusCode()).isEqualTo(400);
        JsonNode json = TestClient.json(reply);
        assertThat(json.path("code").asInt()).isEqualTo(400);
        assertThat(json.path("msg").asText()).startsWith("input:").contains("flat");
        assertThat(json.path("request_id").asText())
                .isEqualTo(reply.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(json.get("data").isNull()).isTrue();
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void invalidFieldsAndAWrongModelAreNamedInTheMessage() throws Exception {
        HttpResponse<byte[]> badRatio =
                client.postJson(atlas("/model/generateVideo"), atlasBody("aspect_ratio", null, "ratio", "2:1"));
        HttpResponse<byte[]> badModel =
                client.postJson(atlas("/model/generateVideo"), atlasBody("model", "other/model"));
        HttpResponse<byte[]> noModel = client.postJson(atlas("/model/generateVideo"), body());
        HttpResponse<byte[]> badDuration = client.postJson(atlas("/model/generateVideo"), atlasBody("duration", 20));

        assertThat(TestClient.json(badRatio).path("msg").asText()).startsWith("ratio:");
        assertThat(TestClient.json(badModel).path("msg").asText()).startsWith("model:");
        assertThat(TestClient.json(noModel).path("msg").asText()).startsWith("model:");
        assertThat(TestClient.json(badDuration).path("msg").asText())
                .isEqualTo("duration: 20 is not allowed; use an integer from 3 to 15");
        assertThat(List.of(badRatio, badModel, noModel, badDuration)).allMatch(r -> r.statusCode() == 400);
    }

    @Test
    void aPredictionIsNotFoundForThirtySimulatedSecondsAfterSubmission() throws Exception {
        String id = submitAtlas(atlasBody());

        HttpResponse<byte[]> early = client.get(atlas("/model/prediction/" + id));
        advance(Duration.ofSeconds(29));
        HttpResponse<byte[]> stillEarly = client.get(atlas("/model/prediction/" + id));
        advance(Duration.ofSeconds(2));
        HttpResponse<byte[]> visible = client.get(atlas("/model/prediction/" + id));

        assertThat(early.statusCode()).isIn(400, 404);
        assertThat(stillEarly.statusCode()).isEqualTo(early.statusCode());
        assertThat(TestClient.json(early).get("data").isNull()).isTrue();
        assertThat(visible.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(visible).path("data").path("status").asText())
                .isEqualTo("processing");
    }

    @Test
    void theEarlyWindowAnswers404ForMostJobsAnd400ForSome() throws Exception {
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            statuses.add(client.get(atlas("/model/prediction/" + submitAtlas(atlasBody())))
                    .statusCode());
        }
        assertThat(statuses).containsExactlyInAnyOrder(400, 404);
    }

    @Test
    void aFailureComesEitherAs200WithAnErrorCodeOrAs500WithAFailedBody() throws Exception {
        sim.faults().nextJob(Outcome.FAIL, 16);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ids.add(submitAtlas(atlasBody()));
        }
        advance(PROCESSING);

        Set<Integer> statuses = new HashSet<>();
        for (String id : ids) {
            HttpResponse<byte[]> reply = client.get(atlas("/model/prediction/" + id));
            statuses.add(reply.statusCode());
            JsonNode data = TestClient.json(reply).path("data");
            assertThat(data.path("status").asText()).isEqualTo("failed");
            assertThat(data.path("error").asText()).isNotBlank();
            assertThat(data.path("error_code").asInt()).isEqualTo(1001);
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 500);
    }

    @Test
    void aModeratedJobCarriesErrorCode1039() throws Exception {
        sim.faults().nextJob(Outcome.MODERATION);
        String id = submitAtlas(atlasBody());
        advance(PROCESSING);

        JsonNode data =
                TestClient.json(client.get(atlas("/model/prediction/" + id))).path("data");

        assertThat(data.path("status").asText()).isEqualTo("failed");
        assertThat(data.path("error_code").asInt()).isEqualTo(1039);
    }

    @Test
    void successIsSpelledTwoWaysAndTheOutputComesInThreeForms() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(submitAtlas(atlasBody()));
        }
        advance(PROCESSING);

        Set<String> words = new HashSet<>();
        Set<String> forms = new HashSet<>();
        for (String id : ids) {
            HttpResponse<byte[]> reply = client.get(atlas("/model/prediction/" + id));
            assertThat(reply.statusCode()).isEqualTo(200);
            JsonNode data = TestClient.json(reply).path("data");
            words.add(data.path("status").asText());
            String url;
            if (data.has("outputs")) {
                forms.add("outputs");
                url = data.path("outputs").get(0).asText();
            } else if (data.path("output").isTextual()) {
                forms.add("output string");
                url = data.path("output").asText();
            } else {
                forms.add("output list");
                url = data.path("output").get(0).asText();
            }
            assertThat(url).isEqualTo(sim.mediaBaseUrl() + "/outputs/" + id + ".mp4");
            assertThat(data.path("metrics").path("predict_time").asDouble()).isEqualTo(100.0);
            assertThat(data.path("completed_at").asText()).isNotBlank();
        }
        assertThat(words).containsExactlyInAnyOrder("completed", "succeeded");
        assertThat(forms).containsExactlyInAnyOrder("outputs", "output string", "output list");
    }

    @Test
    void cancelledAndTimedOutJobsUseTheirWords() throws Exception {
        sim.faults().nextJob(Outcome.TIMEOUT).nextJob(Outcome.CANCEL, 12);
        String timeout = submitAtlas(atlasBody());
        List<String> cancelled = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cancelled.add(submitAtlas(atlasBody()));
        }
        advance(PROCESSING);

        assertThat(TestClient.json(client.get(atlas("/model/prediction/" + timeout)))
                        .path("data")
                        .path("status")
                        .asText())
                .isEqualTo("timeout");
        Set<String> words = new HashSet<>();
        for (String id : cancelled) {
            words.add(TestClient.json(client.get(atlas("/model/prediction/" + id)))
                    .path("data")
                    .path("status")
                    .asText());
        }
        assertThat(words).containsExactlyInAnyOrder("canceled", "cancelled");
    }

    @Test
    void historyListsTasksNewestFirstWithTheirSubmittedInput() throws Exception {
        String first = submitAtlas(atlasBody("prompt", "first"));
        String second = submitAtlas(atlasBody("prompt", "second"));
        String third = submitAtlas(atlasBody("prompt", "third", "ratio", "1:1", "aspect_ratio", null));
        submitWaveSpeed(body());

        JsonNode page1 =
                TestClient.json(client.get(atlas("/model/history?no=1&size=2"))).path("data");
        JsonNode page2 = TestClient.json(client.get(
                        atlas("/model/history?no=2&size=2&model=alibaba%2Fhappyhorse-1.0%2Freference-to-video")))
                .path("data");

        assertThat(page1.path("total").asInt()).isEqualTo(3);
        assertThat(page1.path("no").asInt()).isEqualTo(1);
        assertThat(page1.path("size").asInt()).isEqualTo(2);
        assertThat(ids(page1)).containsExactly(third, second);
        assertThat(ids(page2)).containsExactly(first);
        JsonNode newest = page1.path("list").get(0);
        assertThat(newest.path("status").asText()).isEqualTo("starting");
        assertThat(newest.path("model").asText()).isEqualTo("alibaba/happyhorse-1.0/reference-to-video");
        assertThat(newest.path("created_at").asText()).isNotBlank();
        assertThat(newest.path("input").path("prompt").asText()).isEqualTo("third");
        assertThat(newest.path("input").path("ratio").asText()).isEqualTo("1:1");
        assertThat(newest.path("input").has("model")).isFalse();
    }

    @Test
    void historyFiltersByStatusAndModel() throws Exception {
        sim.faults().nextJob(Outcome.FAIL);
        submitAtlas(atlasBody());
        submitAtlas(atlasBody());
        advance(PROCESSING);

        JsonNode failed = TestClient.json(client.get(atlas("/model/history?status=failed")))
                .path("data");
        JsonNode otherModel = TestClient.json(client.get(atlas("/model/history?model=someone%2Felse")))
                .path("data");
        HttpResponse<byte[]> badPage = client.get(atlas("/model/history?no=0"));

        assertThat(failed.path("total").asInt()).isEqualTo(1);
        assertThat(otherModel.path("total").asInt()).isZero();
        assertThat(badPage.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathsAnswer401EvenWithTheRightKey() throws Exception {
        HttpResponse<byte[]> reply = client.get(atlas("/model/predictions/abc"));
        HttpResponse<byte[]> post = client.postJson(atlas("/model/generateImage"), atlasBody());

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(post.statusCode()).isEqualTo(401);
        JsonNode json = TestClient.json(reply);
        assertThat(json.path("code").asInt()).isEqualTo(401);
        assertThat(json.path("msg").asText()).isNotBlank();
        assertThat(json.get("data").isNull()).isTrue();
        assertThat(reply.headers().firstValue("X-Request-ID")).isPresent();
    }

    @Test
    void everyReplyCarriesARequestIdAndNoneCarriesRetryAfter() throws Exception {
        sim.faults().next(Route.AC_PREDICTION, Fault.status(429).retryAfter(Duration.ofSeconds(5)));
        String id = submitAtlas(atlasBody());
        advance(Duration.ofMinutes(1));

        HttpResponse<byte[]> limited = client.get(atlas("/model/prediction/" + id));
        HttpResponse<byte[]> ok = client.get(atlas("/model/prediction/" + id));
        HttpResponse<byte[]> unauthorised = client.send(HttpRequest.newBuilder(atlas("/model/prediction/" + id)));
        HttpResponse<byte[]> invalid = client.postJson(atlas("/model/generateVideo"), atlasBody("prompt", ""));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(TestClient.json(limited).path("code").asInt()).isEqualTo(429);
        assertThat(unauthorised.statusCode()).isEqualTo(401);
        assertThat(invalid.statusCode()).isEqualTo(400);
        Set<String> requestIds = new HashSet<>();
        for (HttpResponse<byte[]> reply : List.of(limited, ok, unauthorised, invalid)) {
            assertThat(reply.headers().firstValue("Retry-After")).isEmpty();
            requestIds.add(reply.headers().firstValue("X-Request-ID").orElseThrow());
        }
        assertThat(requestIds).hasSize(4);
    }

    @Test
    void aBodyOverFiftyMegabytesIsRefusedWith413() throws Exception {
        URI origin = sim.waveSpeedBaseUrl();
        String request = "POST /api/v1/model/generateVideo HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 60000000\r\n\r\n{";

        // The server answers at once; it then waits for the announced body, so read with a short timeout.
        String reply = TestClient.raw(origin, request, Duration.ofSeconds(1)).text();

        assertThat(reply).startsWith("HTTP/1.1 413");
        assertThat(reply).containsIgnoringCase("X-Request-ID");
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void chargesUseTheConfiguredPerSecondRates() throws Exception {
        submitAtlas(atlasBody("duration", 5));
        submitAtlas(atlasBody("duration", 10, "resolution", "1080p"));

        assertThat(sim.stats().charges(Host.ATLASCLOUD)).isEqualByComparingTo("3.10");
        assertThat(sim.stats().totalCharges()).isEqualByComparingTo("3.10");
    }

    @Test
    void anExhaustedBalanceAnswers402InTheAtlasEnvelope() throws Exception {
        sim.setBalance(Host.ATLASCLOUD, new BigDecimal("0.50"));

        HttpResponse<byte[]> reply = client.postJson(atlas("/model/generateVideo"), atlasBody());

        assertThat(reply.statusCode()).isEqualTo(402);
        assertThat(TestClient.json(reply).path("msg").asText()).contains("balance");
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aWaveSpeedJobIsUnknownOnAtlas() throws Exception {
        String id = submitWaveSpeed(body());
        advance(Duration.ofMinutes(5));

        assertThat(client.get(atlas("/model/prediction/" + id)).statusCode()).isEqualTo(404);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("list").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
