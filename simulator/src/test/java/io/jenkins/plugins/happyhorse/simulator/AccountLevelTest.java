package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.job.AccountLevel;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An account level's limits: a submit beyond the concurrent jobs or the videos per minute is
 * refused with 429 in each host's words, creates and charges nothing, and is counted apart from
 * the accepted submissions.
 */
class AccountLevelTest extends ModelStudioTestSupport {

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return super.configure(builder)
                .accountLevel(Host.WAVESPEED, AccountLevel.WAVESPEED_LOWEST)
                .accountLevel(Host.ATLASCLOUD, AccountLevel.of(1, 0))
                .accountLevel(Host.MODELSTUDIO, AccountLevel.of(0, 1));
    }

    @Test
    void wavespeedRefusesAFourthConcurrentJobWithRetryAfterUntilOneEnds() throws Exception {
        for (int i = 0; i < 3; i++) {
            submitWaveSpeed(body());
        }
        advance(Duration.ofSeconds(40));
        HttpResponse<byte[]> refused = postWaveSpeed();
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode envelope = TestClient.json(refused);
        assertThat(envelope.path("code").asInt()).isEqualTo(429);
        assertThat(envelope.path("message").asText()).contains("3 concurrent jobs");
        // The first job ends 100 s after it was submitted, 60 s from now.
        assertThat(refused.headers().firstValue("Retry-After")).contains("60");
        assertThat(sim.stats().submissions(Host.WAVESPEED)).isEqualTo(3);
        assertThat(sim.stats().refusedSubmits(Host.WAVESPEED)).isEqualTo(1);
        assertThat(sim.stats().charges(Host.WAVESPEED)).isEqualByComparingTo(new BigDecimal("2.10"));
        assertThat(sim.jobs()).hasSize(3);

        advance(Duration.ofSeconds(60));
        submitWaveSpeed(body());
        assertThat(sim.stats().submissions(Host.WAVESPEED)).isEqualTo(4);
    }

    @Test
    void wavespeedRefusesASixthVideoWithinAMinuteUntilTheFirstLeavesIt() throws Exception {
        try (Simulator quick = Simulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .pictureScale(8)
                .processingTime(Duration.ofSeconds(5))
                .accountLevel(Host.WAVESPEED, AccountLevel.WAVESPEED_LOWEST)
                .start()) {
            java.net.URI submit =
                    java.net.URI.create(quick.waveSpeedBaseUrl() + "/api/v3/alibaba/happyhorse-1.0/reference-to-video");
            for (int i = 0; i < 5; i++) {
                assertThat(client.postJson(submit, body()).statusCode()).isEqualTo(200);
                advance(Duration.ofSeconds(10));
            }
            HttpResponse<byte[]> refused = client.postJson(submit, body());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(TestClient.json(refused).path("message").asText()).contains("5 videos per minute");
            // The first was accepted 50 s ago: the minute frees up in 10 s.
            assertThat(refused.headers().firstValue("Retry-After")).contains("10");
            advance(Duration.ofSeconds(10));
            assertThat(client.postJson(submit, body()).statusCode()).isEqualTo(200);
            assertThat(quick.stats().submissions(Host.WAVESPEED)).isEqualTo(6);
            assertThat(quick.stats().refusedSubmits(Host.WAVESPEED)).isEqualTo(1);
        }
    }

    @Test
    void atlasCloudRefusesInItsEnvelopeWithoutRetryAfter() throws Exception {
        submitAtlas(atlasBody());
        HttpResponse<byte[]> refused = client.postJson(atlas("/model/generateVideo"), atlasBody());
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode envelope = TestClient.json(refused);
        assertThat(envelope.path("code").asInt()).isEqualTo(429);
        assertThat(envelope.path("msg").asText()).contains("1 concurrent jobs");
        assertThat(envelope.has("request_id")).isTrue();
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        assertThat(sim.stats().refusedSubmits(Host.ATLASCLOUD)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.ATLASCLOUD)).isEqualTo(1);
    }

    @Test
    void modelStudioRefusesWithItsThrottlingCode() throws Exception {
        submitModelStudio(msBody());
        HttpResponse<byte[]> refused = postSubmit(msBody());
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode error = TestClient.json(refused);
        assertThat(error.path("code").asText()).isEqualTo("Throttling.RateQuota");
        assertThat(error.path("request_id").asText()).isNotEmpty();
        assertThat(sim.stats().refusedSubmits(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
    }

    @Test
    void theStatsRouteCountsRefusedSubmitsApart() throws Exception {
        for (int i = 0; i < 3; i++) {
            submitWaveSpeed(body());
        }
        assertThat(postWaveSpeed().statusCode()).isEqualTo(429);
        assertThat(postWaveSpeed().statusCode()).isEqualTo(429);
        JsonNode stats = TestClient.json(client.send(HttpRequest.newBuilder(sim.statsUrl())));
        assertThat(stats.path("refusedSubmits").path("wavespeed").asLong()).isEqualTo(2);
        assertThat(stats.path("refusedSubmits").path("total").asLong()).isEqualTo(2);
        assertThat(stats.path("submissions").path("wavespeed").asLong()).isEqualTo(3);
        assertThat(sim.stats().toString()).contains("refusedSubmits=2");
    }

    @Test
    void aLevelIsParsedFromItsShortForm() {
        assertThat(AccountLevel.parse("3/5")).isEqualTo(AccountLevel.WAVESPEED_LOWEST);
        assertThat(AccountLevel.parse("lowest")).isEqualTo(AccountLevel.WAVESPEED_LOWEST);
        assertThat(AccountLevel.parse("unlimited").limited()).isFalse();
        assertThatThrownBy(() -> AccountLevel.parse("three"))
                .hasMessageContaining("'three' is not allowed")
                .hasMessageContaining("C/M");
        assertThat(SimulatorMain.parse(new String[] {"--account-level", "wavespeed=2/4"}))
                .isNotNull();
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--account-level", "nowhere=2/4"}))
                .hasMessageContaining("--account-level")
                .hasMessageContaining("wavespeed, atlascloud or modelstudio");
    }

    private HttpResponse<byte[]> postWaveSpeed() throws Exception {
        return client.postJson(ws("/api/v3/alibaba/happyhorse-1.0/reference-to-video"), body());
    }
}
