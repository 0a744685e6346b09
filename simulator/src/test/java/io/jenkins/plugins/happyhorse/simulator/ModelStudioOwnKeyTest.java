package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Model Studio with a key of its own, as the hosts sell their own keys: each host accepts only its
 * key, so which key reached which host shows in what succeeded and in the authentication failures.
 */
class ModelStudioOwnKeyTest extends ModelStudioTestSupport {
    static final String MODEL_STUDIO_KEY = "ms-own-key-41c7";

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return super.configure(builder).modelStudioApiKey(MODEL_STUDIO_KEY);
    }

    @Test
    void modelStudioAcceptsOnlyItsOwnKeyAndTheResellersOnlyTheirs() throws Exception {
        TestClient modelStudio = new TestClient(MODEL_STUDIO_KEY);

        HttpResponse<byte[]> withOwnKey = modelStudio.get(ms("/uploads?action=getPolicy&model=" + MODEL));
        HttpResponse<byte[]> withResellerKey = client.get(ms("/uploads?action=getPolicy&model=" + MODEL));
        HttpResponse<byte[]> waveSpeedWithModelStudioKey =
                modelStudio.postJson(ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video"), Map.of());

        assertThat(sim.modelStudioApiKey()).isEqualTo(MODEL_STUDIO_KEY);
        assertThat(sim.apiKey()).isEqualTo(KEY);
        assertThat(withOwnKey.statusCode()).isEqualTo(200);
        assertThat(withResellerKey.statusCode()).isEqualTo(401);
        assertThat(waveSpeedWithModelStudioKey.statusCode()).isEqualTo(401);
        assertThat(sim.stats().authenticationFailures()).isEqualTo(2);
    }

    @Test
    void submitsWithTheOwnKeyAreCountedForModelStudioWithTheirWatermark() throws Exception {
        TestClient modelStudio = new TestClient(MODEL_STUDIO_KEY);

        HttpResponse<byte[]> unmarked = modelStudio.send(modelStudioSubmit(withWatermark(msBody(), false)));
        HttpResponse<byte[]> byDefault = modelStudio.send(modelStudioSubmit(msBody()));
        JsonNode jobs = TestClient.json(client.send(HttpRequest.newBuilder(sim.statsUrl())))
                .path("jobs");

        assertThat(unmarked.statusCode()).isEqualTo(200);
        assertThat(byDefault.statusCode()).isEqualTo(200);
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(2);
        assertThat(sim.stats().authenticationFailures()).isZero();
        assertThat(jobs.get(0).path("watermark").asBoolean(true))
                .as("reported as asked")
                .isFalse();
        assertThat(jobs.get(1).path("watermark").asBoolean(false))
                .as("the host's default, a mark")
                .isTrue();
    }

    private static ObjectNode withWatermark(ObjectNode body, boolean watermark) {
        parameters(body).put("watermark", watermark);
        return body;
    }

    private HttpRequest.Builder modelStudioSubmit(Object body) throws Exception {
        return HttpRequest.newBuilder(ms(SUBMIT))
                .header("Authorization", "Bearer " + MODEL_STUDIO_KEY)
                .header("Content-Type", "application/json")
                .header("X-DashScope-Async", "enable")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestClient.JSON.writeValueAsBytes(body)));
    }
}
