package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code GET /_simulator/stats}: the counters for tests in another process, out of the hosts' way. */
class StatsEndpointTest extends SimulatorTestSupport {

    @Test
    void reportsSubmissionsChargesRequestsAndMediaAuthorizations() throws Exception {
        String id = submitWaveSpeed(body("duration", 5, "resolution", "720p"));
        submitAtlas(atlasBody("duration", 3, "resolution", "720p"));
        waveSpeedResult(id);
        advance(PROCESSING);
        URI output = URI.create(sim.job(id).orElseThrow().outputUrl());
        client.send(HttpRequest.newBuilder(output).header("Authorization", "Bearer " + KEY));
        client.send(HttpRequest.newBuilder(output).header("Authorization", "Basic Zm9vOmJhcg=="));

        HttpResponse<byte[]> reply = client.send(HttpRequest.newBuilder(sim.statsUrl()));
        JsonNode stats = TestClient.json(reply);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(stats.path("submissions").path("wavespeed").asLong()).isEqualTo(1);
        assertThat(stats.path("submissions").path("atlascloud").asLong()).isEqualTo(1);
        assertThat(stats.path("submissions").path("total").asLong()).isEqualTo(2);
        assertThat(stats.path("charges").path("wavespeed").decimalValue())
                .isEqualByComparingTo(sim.stats().charges(Host.WAVESPEED));
        assertThat(stats.path("charges").path("atlascloud").decimalValue())
                .isEqualByComparingTo(sim.stats().charges(Host.ATLASCLOUD))
                .isEqualByComparingTo("0.42");
        assertThat(stats.path("charges").path("total").decimalValue())
                .isEqualByComparingTo(sim.stats().totalCharges());
        assertThat(stats.path("requests").path("WS_SUBMIT").asLong()).isEqualTo(1);
        assertThat(stats.path("requests").path("AC_SUBMIT").asLong()).isEqualTo(1);
        assertThat(stats.path("requests").path("WS_RESULT").asLong()).isEqualTo(1);
        assertThat(stats.path("requests").path("MEDIA_GET").asLong()).isEqualTo(2);
        assertThat(stats.path("requests").path("ANY").asLong()).isEqualTo(5);
        assertThat(stats.path("storageAuthorizations")).isEmpty();
        JsonNode authorizations = stats.path("mediaAuthorizations");
        assertThat(authorizations).hasSize(2);
        assertThat(authorizations.get(0).path("method").asText()).isEqualTo("GET");
        assertThat(authorizations.get(0).path("path").asText()).isEqualTo(output.getRawPath());
        assertThat(authorizations.get(0).path("scheme").asText()).isEqualTo("Bearer");
        assertThat(authorizations.get(0).path("carriesApiKey").asBoolean()).isTrue();
        assertThat(authorizations.get(1).path("scheme").asText()).isEqualTo("Basic");
        assertThat(authorizations.get(1).path("carriesApiKey").asBoolean()).isFalse();
        JsonNode jobs = stats.path("jobs");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).path("id").asText()).isEqualTo(id);
        assertThat(jobs.get(0).path("host").asText()).isEqualTo("wavespeed");
        assertThat(jobs.get(0).path("prompt").asText()).isEqualTo("a horse runs along the beach");
        assertThat(jobs.get(0).path("cost").decimalValue())
                .isEqualByComparingTo(sim.stats().charges(Host.WAVESPEED));
        assertThat(jobs.get(0).path("finished").asBoolean()).isTrue();
        assertThat(jobs.get(0).path("polls").asLong()).isEqualTo(1);
        assertThat(jobs.get(0).path("downloads").asLong()).isEqualTo(2);
        assertThat(jobs.get(0).path("watermark").asBoolean(true))
                .as("a reseller draws no mark")
                .isFalse();
        assertThat(jobs.get(1).path("host").asText()).isEqualTo("atlascloud");
        // The header values are never kept, so the report cannot leak a key.
        assertThat(new String(reply.body(), StandardCharsets.UTF_8))
                .doesNotContain(KEY)
                .doesNotContain("Zm9vOmJhcg==");
    }

    @Test
    void readingTheCountersIsNeitherCountedNorFaulted() throws Exception {
        sim.faults().next(Route.ANY, Fault.status(503), 10);

        HttpResponse<byte[]> first = client.send(HttpRequest.newBuilder(sim.statsUrl()));
        HttpResponse<byte[]> second = client.send(HttpRequest.newBuilder(sim.statsUrl()));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(second).path("requests").path("ANY").asLong())
                .isZero();
        assertThat(sim.stats().requests(Route.ANY)).isZero();
        assertThat(sim.stats().unmatchedRequests()).isZero();
        assertThat(sim.stats().faults(Fault.Kind.STATUS)).isZero();
        // The hosts' own routes still play the fault plan.
        assertThat(client.get(ws("/api/v3/predictions/none/result")).statusCode())
                .isEqualTo(503);
    }

    @Test
    void answersOnlyItsOwnPathAndOnlyGet() throws Exception {
        URI base = sim.waveSpeedBaseUrl();

        HttpResponse<byte[]> post =
                client.send(HttpRequest.newBuilder(sim.statsUrl()).POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<byte[]> other = client.send(HttpRequest.newBuilder(base.resolve("/_simulator/jobs")));
        HttpResponse<byte[]> head =
                client.send(HttpRequest.newBuilder(sim.statsUrl()).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void isNotOnAnyHostPathNorOnTheMediaOrigin() throws Exception {
        HttpResponse<byte[]> underWaveSpeed = client.get(ws("/api/v3/_simulator/stats"));
        HttpResponse<byte[]> underAtlas = client.get(atlas("/_simulator/stats"));
        HttpResponse<byte[]> onMedia = client.get(sim.mediaBaseUrl().resolve("/_simulator/stats"));

        // Each answers as its host answers an unknown path, not with the counters.
        assertThat(underWaveSpeed.statusCode()).isEqualTo(404);
        assertThat(TestClient.json(underWaveSpeed).has("submissions")).isFalse();
        assertThat(underAtlas.statusCode()).isEqualTo(401);
        assertThat(TestClient.json(underAtlas).has("submissions")).isFalse();
        assertThat(onMedia.statusCode()).isEqualTo(404);
        assertThat(new String(onMedia.body(), StandardCharsets.UTF_8)).doesNotContain("submissions");
        assertThat(sim.stats().unmatchedRequests()).isEqualTo(3);
    }

    @Test
    void theHostsRoutesAreUnaffected() throws Exception {
        String waveSpeed = submitWaveSpeed(body());
        String atlas = submitAtlas(atlasBody());
        advance(PROCESSING);

        assertThat(waveSpeedResult(waveSpeed).path("status").asText()).isEqualTo("completed");
        HttpResponse<byte[]> atlasPrediction = client.get(atlas("/model/prediction/" + atlas));
        assertThat(atlasPrediction.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(atlasPrediction).path("data").path("status").asText())
                .isEqualTo("completed");
        assertThat(client.get(ws("/api/v3/no/such/path")).statusCode()).isEqualTo(404);
        assertThat(client.get(atlas("/no/such/path")).statusCode()).isEqualTo(401);
        assertThat(sim.stats().submissions()).isEqualTo(2);
    }

    @Test
    void theStatsUrlIsOnTheApiPort() {
        assertThat(sim.statsUrl().getPort()).isEqualTo(sim.waveSpeedBaseUrl().getPort());
        assertThat(sim.statsUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(sim.statsUrl().getPath()).isEqualTo("/_simulator/stats");
    }
}
