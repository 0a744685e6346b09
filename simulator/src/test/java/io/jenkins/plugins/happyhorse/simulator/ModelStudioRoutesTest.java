package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelStudioRoutesTest extends ModelStudioTestSupport {

    @Test
    void aSubmitAnswersAPendingTaskAndChargesTheModelStudioAccount() throws Exception {
        HttpResponse<byte[]> reply = postSubmit(msBody());

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode json = TestClient.json(reply);
        assertThat(UUID.fromString(json.path("request_id").asText())).isNotNull();
        String id = json.path("output").path("task_id").asText();
        assertThat(id).isNotBlank();
        assertThat(json.path("output").path("task_status").asText()).isEqualTo("PENDING");
        SimulatedJob job = sim.job(id).orElseThrow();
        assertThat(job.host()).isEqualTo(Host.MODELSTUDIO);
        assertThat(job.parameters().model()).isEqualTo(MODEL);
        assertThat(job.parameters().resolution()).isEqualTo("720p");
        assertThat(job.parameters().prompt()).isEqualTo("[Image 1] gallops along the beach");
        assertThat(job.seed()).isEqualTo(7);
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(sim.stats().charges(Host.MODELSTUDIO)).isEqualByComparingTo("0.70");
        assertThat(sim.stats().submissions(Host.ATLASCLOUD)).isZero();
    }

    @Test
    void withoutParametersTheHostRenders1080pFiveSecondsSixteenByNine() throws Exception {
        ObjectNode body = msBody();
        body.remove("parameters");

        SimulatedJob job = sim.job(submitModelStudio(body)).orElseThrow();

        assertThat(job.parameters().resolution()).isEqualTo("1080p");
        assertThat(job.parameters().aspectRatio()).isEqualTo("16:9");
        assertThat(job.parameters().durationSeconds()).isEqualTo(5);
        assertThat(job.cost()).isEqualByComparingTo("1.20");
    }

    @Test
    void aSubmitWithoutTheAsyncHeaderIsRefusedAsASynchronousCall() throws Exception {
        HttpResponse<byte[]> reply = client.postJson(ms(SUBMIT), msBody());

        assertThat(reply.statusCode()).isEqualTo(403);
        JsonNode json = TestClient.json(reply);
        assertThat(json.path("code").asText()).isEqualTo("AccessDenied");
        assertThat(json.path("message").asText()).isEqualTo("current user api does not support synchronous calls");
        assertThat(json.path("request_id").asText()).isNotBlank();
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void everyBadFieldIsNamedInOneInvalidParameterAnswer() throws Exception {
        ObjectNode body = msBody();
        parameters(body)
                .put("resolution", "1080p")
                .put("ratio", "2:1")
                .put("duration", 20)
                .put("watermark", "no");
        ObjectNode extra = ((com.fasterxml.jackson.databind.node.ArrayNode)
                        body.path("input").path("media"))
                .addObject();
        extra.put("type", "first_frame").put("url", "ftp://x.invalid/b.png");

        HttpResponse<byte[]> reply = postSubmit(body);

        assertThat(reply.statusCode()).isEqualTo(400);
        JsonNode json = TestClient.json(reply);
        assertThat(json.path("code").asText()).isEqualTo("InvalidParameter");
        assertThat(json.path("message").asText())
                .contains("parameters.resolution: '1080p' is not supported; use 720P or 1080P")
                .contains("parameters.ratio: '2:1'")
                .contains("parameters.duration: 20 is not allowed; use an integer from 3 to 15")
                .contains("parameters.watermark:")
                .contains("input.media[1].type: 'first_frame' is not supported")
                .contains("input.media[1].url:");
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void oneToNineReferenceImagesAndAPromptAreRequired() throws Exception {
        ObjectNode none = msBody();
        ((ObjectNode) none.get("input")).putArray("media");
        String[] ten = new String[10];
        java.util.Arrays.fill(ten, "https://images.example.invalid/a.png");
        ObjectNode noPrompt = msBody();
        ((ObjectNode) noPrompt.get("input")).remove("prompt");

        assertThat(TestClient.json(postSubmit(none)).path("message").asText())
                .contains("input.media: must hold 1 to 9 reference_image entries, got 0");
        assertThat(TestClient.json(postSubmit(msBody(ten))).path("message").asText())
                .contains("got 10");
        assertThat(TestClient.json(postSubmit(noPrompt)).path("message").asText())
                .contains("input.prompt: is required");
        submitModelStudio(msBody(java.util.Arrays.copyOf(ten, 9)));
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void aMissingModelOrInputUsesTheHostsOwnCodes() throws Exception {
        ObjectNode noModel = msBody();
        noModel.remove("model");
        ObjectNode noInput = msBody();
        noInput.remove("input");

        JsonNode model = TestClient.json(postSubmit(noModel));
        JsonNode input = TestClient.json(postSubmit(noInput));

        assertThat(model.path("code").asText()).isEqualTo("BadRequest.EmptyModel");
        assertThat(input.path("code").asText()).isEqualTo("BadRequest.EmptyInput");
    }

    @Test
    void aModelThisHostDoesNotServeDoesNotExistWhileVersionOneOneDoes() throws Exception {
        HttpResponse<byte[]> wan = postSubmit(msBody().put("model", "wan2.6-r2v"));
        String newer = submitModelStudio(msBody().put("model", "happyhorse-1.1-r2v"));

        assertThat(wan.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(wan).path("code").asText()).isEqualTo("InvalidParameter");
        assertThat(TestClient.json(wan).path("message").asText()).isEqualTo("Model not exist.");
        assertThat(sim.job(newer).orElseThrow().parameters().model()).isEqualTo("happyhorse-1.1-r2v");
    }

    @Test
    void aWrongKeyAndAKeyOfAnotherRegionGetTheSameInvalidApiKeyAnswer() throws Exception {
        byte[] body = TestClient.JSON.writeValueAsBytes(msBody());
        HttpResponse<byte[]> none = client.send(HttpRequest.newBuilder(ms(SUBMIT))
                .header("X-DashScope-Async", "enable")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        HttpResponse<byte[]> wrong =
                client.send(HttpRequest.newBuilder(ms("/tasks/abc")).header("Authorization", "Bearer not-the-key"));
        HttpResponse<byte[]> otherRegion =
                client.send(HttpRequest.newBuilder(ms("/uploads?action=getPolicy&model=" + MODEL))
                        .header("Authorization", "Bearer " + OTHER_REGION_KEY));

        for (HttpResponse<byte[]> reply : List.of(none, wrong, otherRegion)) {
            assertThat(reply.statusCode()).isEqualTo(401);
            JsonNode json = TestClient.json(reply);
            assertThat(json.path("code").asText()).isEqualTo("InvalidApiKey");
            assertThat(json.path("message").asText()).isEqualTo("Invalid API-key provided.");
            assertThat(new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain(OTHER_REGION_KEY)
                    .doesNotContain(KEY);
        }
        assertThat(sim.stats().authenticationFailures()).isEqualTo(3);
        assertThat(sim.stats().otherRegionKeys()).isEqualTo(1);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aTaskRunsFromPendingThroughRunningToSucceededWithAVideoAndUsage() throws Exception {
        String id = submitModelStudio(msBody());

        JsonNode pending = task(id);
        advance(Duration.ofSeconds(30));
        JsonNode running = task(id);
        advance(Duration.ofSeconds(70));
        JsonNode done = task(id);

        assertThat(pending.path("output").path("task_status").asText()).isEqualTo("PENDING");
        assertThat(pending.path("output").path("submit_time").asText())
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(pending.path("output").has("scheduled_time")).isFalse();
        assertThat(running.path("output").path("task_status").asText()).isEqualTo("RUNNING");
        assertThat(running.path("output").path("scheduled_time").asText()).isNotBlank();
        JsonNode output = done.path("output");
        assertThat(output.path("task_id").asText()).isEqualTo(id);
        assertThat(output.path("task_status").asText()).isEqualTo("SUCCEEDED");
        assertThat(output.path("end_time").asText()).isNotBlank();
        assertThat(output.path("orig_prompt").asText()).isEqualTo("[Image 1] gallops along the beach");
        String url = output.path("video_url").asText();
        assertThat(url).startsWith(sim.mediaBaseUrl() + "/outputs/" + id + ".mp4?Expires=");
        JsonNode usage = done.path("usage");
        assertThat(usage.path("duration").asInt()).isEqualTo(5);
        assertThat(usage.path("video_count").asInt()).isEqualTo(1);
        assertThat(usage.path("SR").asInt()).isEqualTo(720);
        assertThat(usage.path("ratio").asText()).isEqualTo("16:9");
        assertThat(sim.job(id).orElseThrow().status()).isEqualTo("SUCCEEDED");
        assertThat(sim.job(id).orElseThrow().polls()).isEqualTo(3);

        HttpResponse<byte[]> video = client.send(HttpRequest.newBuilder(URI.create(url)));
        assertThat(video.statusCode()).isEqualTo(200);
        Mp4Probe probe = new Mp4Probe(video.body());
        assertThat((double) probe.movieDuration / probe.movieTimescale).isEqualTo(5.0);
        assertThat(probe.trackWidth).isEqualTo(160);
        assertThat(sim.stats().mediaAuthorizations()).isEmpty();
    }

    @Test
    void failuresCarryTheirCodeAndMessageInTheOutput() throws Exception {
        sim.faults()
                .nextJob(Outcome.FAIL)
                .nextJob(Outcome.MODERATION)
                .nextJob(Outcome.IP_INFRINGEMENT)
                .nextJob(Outcome.TIMEOUT)
                .nextJob(Outcome.CANCEL)
                .nextJob(Outcome.UNKNOWN_STATUS);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(submitModelStudio(msBody()));
        }
        advance(PROCESSING);

        List<JsonNode> outputs = new java.util.ArrayList<>();
        for (String id : ids) {
            outputs.add(task(id).path("output"));
        }

        assertThat(outputs.get(0).path("task_status").asText()).isEqualTo("FAILED");
        assertThat(outputs.get(0).path("code").asText()).isNotBlank();
        assertThat(outputs.get(1).path("task_status").asText()).isEqualTo("FAILED");
        assertThat(outputs.get(1).path("code").asText()).isEqualTo("DataInspectionFailed");
        assertThat(outputs.get(1).path("message").asText()).contains("inappropriate content");
        assertThat(outputs.get(2).path("code").asText()).isEqualTo("IPInfringementSuspect");
        assertThat(outputs.get(3).path("task_status").asText()).isEqualTo("FAILED");
        assertThat(outputs.get(3).path("message").asText()).contains("timed out");
        assertThat(outputs.get(4).path("task_status").asText()).isEqualTo("CANCELED");
        assertThat(outputs.get(5).path("task_status").asText()).isEqualTo("SUSPENDED");
        for (JsonNode output : outputs) {
            assertThat(output.has("video_url")).isFalse();
        }
    }

    @Test
    void anIdNeverIssuedOrOfAnotherHostIsUnknown() throws Exception {
        String waveSpeed = submitWaveSpeed(body());

        JsonNode never = task("0123456789abcdef0123456789abcdef");
        JsonNode other = task(waveSpeed);

        assertThat(never.path("output").path("task_status").asText()).isEqualTo("UNKNOWN");
        assertThat(never.path("output").path("task_id").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(other.path("output").path("task_status").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void aTaskIsForgottenTwentyFourSimulatedHoursAfterItsSubmit() throws Exception {
        String id = submitModelStudio(msBody());

        advance(Duration.ofHours(24).minusSeconds(1));
        JsonNode lastSecond = task(id);
        advance(Duration.ofSeconds(1));
        JsonNode expired = task(id);

        assertThat(lastSecond.path("output").path("task_status").asText()).isEqualTo("SUCCEEDED");
        assertThat(expired.path("output").path("task_status").asText()).isEqualTo("UNKNOWN");
        assertThat(expired.path("output").has("video_url")).isFalse();
        assertThat(sim.job(id).orElseThrow().status()).isEqualTo("UNKNOWN");
    }

    @Test
    void theVideoLinkStopsWorkingTwentyFourHoursAfterTheTaskEnded() throws Exception {
        String id = submitModelStudio(msBody());
        advance(PROCESSING);
        URI url = URI.create(task(id).path("output").path("video_url").asText());

        advance(Duration.ofHours(24).minusSeconds(1));
        HttpResponse<byte[]> stillValid =
                client.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> expired = client.send(HttpRequest.newBuilder(url));

        assertThat(stillValid.statusCode()).isEqualTo(200);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("Request has expired");
    }

    @Test
    void theTwentyFirstQueryWithinOneSimulatedSecondIsThrottled() throws Exception {
        String id = submitModelStudio(msBody());
        for (int i = 0; i < 20; i++) {
            task(id);
        }

        HttpResponse<byte[]> burst = client.get(ms("/tasks/" + id));
        HttpResponse<byte[]> submit = postSubmit(msBody());
        advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> nextSecond = client.get(ms("/tasks/" + id));

        assertThat(burst.statusCode()).isEqualTo(429);
        JsonNode json = TestClient.json(burst);
        assertThat(json.path("code").asText()).isEqualTo("Throttling.BurstRate");
        assertThat(json.path("request_id").asText()).isNotBlank();
        assertThat(submit.statusCode()).as("the limit is on queries only").isEqualTo(200);
        assertThat(nextSecond.statusCode()).isEqualTo(200);
        assertThat(sim.stats().throttledRequests()).isEqualTo(1);
    }

    @Test
    void aSustainedRateAboveTwentyPerSecondIsARateQuotaRefusal() throws Exception {
        String id = submitModelStudio(msBody());
        for (int second = 0; second < 2; second++) {
            for (int i = 0; i < 20; i++) {
                assertThat(client.get(ms("/tasks/" + id)).statusCode()).isEqualTo(200);
            }
            advance(Duration.ofSeconds(1));
        }
        for (int i = 0; i < 19; i++) {
            assertThat(client.get(ms("/tasks/" + id)).statusCode()).isEqualTo(200);
        }
        // The window is (now - 1 s, now]: the 20 queries made exactly a second ago have left it.
        HttpResponse<byte[]> twentieth = client.get(ms("/tasks/" + id));
        HttpResponse<byte[]> over = client.get(ms("/tasks/" + id));

        assertThat(twentieth.statusCode()).isEqualTo(200);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(TestClient.json(over).path("code").asText()).isEqualTo("Throttling.RateQuota");
        assertThat(TestClient.json(over).path("message").asText()).contains("rate limit");
    }

    @Test
    void unknownPathsOfThisHostAnswerUrlError() throws Exception {
        HttpResponse<byte[]> service = client.postJson(ms("/services/aigc/video-generation/generation"), msBody());
        HttpResponse<byte[]> cancel = client.postJson(ms("/tasks/abc/cancel"), msBody());
        HttpResponse<byte[]> atlas = client.get(atlas("/model/nothing"));

        for (HttpResponse<byte[]> reply : List.of(service, cancel)) {
            assertThat(reply.statusCode()).isEqualTo(400);
            assertThat(TestClient.json(reply).path("code").asText()).isEqualTo("InvalidParameter");
            assertThat(TestClient.json(reply).path("message").asText()).isEqualTo("url error, please check url!");
        }
        assertThat(atlas.statusCode()).as("Atlas Cloud's paths keep their 401").isEqualTo(401);
    }

    @Test
    void anExhaustedBalanceIsAnArrearageRefusal() throws Exception {
        sim.setBalance(Host.MODELSTUDIO, new BigDecimal("0.50"));

        HttpResponse<byte[]> reply = postSubmit(msBody());

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(reply).path("code").asText()).isEqualTo("Arrearage");
        assertThat(sim.stats().submissions()).isZero();
        assertThat(sim.balance(Host.MODELSTUDIO)).hasValue(new BigDecimal("0.50"));
    }

    @Test
    void theBaseUrlSharesTheApiPortUnderApiV1() {
        assertThat(sim.modelStudioBaseUrl().toString()).isEqualTo(sim.waveSpeedBaseUrl() + "/api/v1");
        assertThat(sim.storageBaseUrl().getPort())
                .isNotEqualTo(sim.mediaBaseUrl().getPort())
                .isNotEqualTo(sim.waveSpeedBaseUrl().getPort());
    }
}
