package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.time.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A simulator on a manual clock (time scale 1, fixed 100 s jobs, small pictures) and a plain
 * HTTP client, for tests that step through job states without waiting.
 */
abstract class SimulatorTestSupport {
    static final String KEY = "test-key-5f1c";
    static final Duration PROCESSING = Duration.ofSeconds(100);

    final ManualClock clock = new ManualClock();
    final TestClient client = new TestClient(KEY);
    Simulator sim;

    @BeforeEach
    void startSimulator() throws IOException {
        sim = configure(Simulator.builder()
                        .apiKey(KEY)
                        .clock(clock)
                        .seed(42)
                        .pictureScale(8)
                        .processingTime(PROCESSING))
                .start();
    }

    /** Lets a test class change the simulator's settings. */
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder;
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    URI ws(String path) {
        return URI.create(sim.waveSpeedBaseUrl() + path);
    }

    URI atlas(String path) {
        return URI.create(sim.atlasCloudBaseUrl() + path);
    }

    static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> body = new HashMap<>(TestClient.submission("https://images.example.invalid/a.png"));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                body.remove((String) keyValues[i]);
            } else {
                body.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return body;
    }

    static Map<String, Object> atlasBody(Object... keyValues) {
        Map<String, Object> body = body(keyValues);
        body.putIfAbsent("model", "alibaba/happyhorse-1.0/reference-to-video");
        return body;
    }

    String submitWaveSpeed(Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = client.postJson(ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video"), body);
        assertThat(reply.statusCode()).as(new String(reply.body())).isEqualTo(200);
        return TestClient.json(reply).path("data").path("id").asText();
    }

    String submitAtlas(Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = client.postJson(atlas("/model/generateVideo"), body);
        assertThat(reply.statusCode()).as(new String(reply.body())).isEqualTo(200);
        return TestClient.json(reply).path("data").path("id").asText();
    }

    JsonNode waveSpeedResult(String id) throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = client.get(ws("/api/v3/predictions/" + id + "/result"));
        assertThat(reply.statusCode()).isEqualTo(200);
        return TestClient.json(reply).path("data");
    }

    void advance(Duration step) {
        clock.advance(step);
    }
}
