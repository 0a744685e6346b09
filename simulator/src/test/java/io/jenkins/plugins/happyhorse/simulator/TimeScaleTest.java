package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.simulator.job.JobParameters;
import io.jenkins.plugins.happyhorse.simulator.job.ProcessingTimeModel;
import io.jenkins.plugins.happyhorse.simulator.time.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeScaleTest {
    private static final String KEY = "scale-key";
    private final TestClient client = new TestClient(KEY);

    @Test
    void aTimeScaleOf1000TurnsTwoMinutesIntoATenthOfASecond() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (Simulator sim = Simulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .timeScale(1000)
                .processingTime(Duration.ofSeconds(120))
                .start()) {
            String id = submit(sim);
            URI result = URI.create(sim.waveSpeedBaseUrl() + "/api/v3/predictions/" + id + "/result");

            clock.advance(Duration.ofMillis(119));
            assertThat(status(result)).isEqualTo("processing");
            clock.advance(Duration.ofMillis(1));
            assertThat(status(result)).isEqualTo("completed");
            assertThat(sim.timeScale()).isEqualTo(1000);
            assertThat(sim.simulatedNow()).isEqualTo("2026-03-01T10:02:00Z");
        }
    }

    private String status(URI result) throws Exception {
        return TestClient.json(client.get(result)).path("data").path("status").asText();
    }

    @Test
    void jobsRecordRealAndSimulatedInstantsAndWhenACLientNoticedTheEnd() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (Simulator sim = Simulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .timeScale(10)
                .processingTime(Duration.ofSeconds(100))
                .start()) {
            clock.advance(Duration.ofSeconds(1));
            String id = submit(sim);
            URI result = URI.create(sim.waveSpeedBaseUrl() + "/api/v3/predictions/" + id + "/result");

            SimulatedJob created = sim.job(id).orElseThrow();
            assertThat(created.createdAt()).isEqualTo("2026-03-01T10:00:01Z");
            assertThat(created.createdAtSimulated()).isEqualTo("2026-03-01T10:00:10Z");
            assertThat(created.completesAtSimulated()).isEqualTo("2026-03-01T10:01:50Z");
            assertThat(created.completesAt()).isEqualTo("2026-03-01T10:00:11Z");
            assertThat(created.finished()).isFalse();
            assertThat(created.finalStatusSeenAt()).isEmpty();

            clock.advance(Duration.ofSeconds(9));
            assertThat(TestClient.json(client.get(result))
                            .path("data")
                            .path("status")
                            .asText())
                    .isEqualTo("processing");
            clock.advance(Duration.ofSeconds(3));
            assertThat(TestClient.json(client.get(result))
                            .path("data")
                            .path("status")
                            .asText())
                    .isEqualTo("completed");
            clock.advance(Duration.ofSeconds(5));
            client.get(result);

            SimulatedJob done = sim.job(id).orElseThrow();
            assertThat(done.finished()).isTrue();
            assertThat(done.status()).isEqualTo("completed");
            assertThat(done.finalStatusSeenAt()).hasValue(Instant.parse("2026-03-01T10:00:13Z"));
            assertThat(done.finalStatusSeenAtSimulated()).hasValue(Instant.parse("2026-03-01T10:02:10Z"));
            assertThat(done.noticeDelay()).hasValue(Duration.ofSeconds(2));
            assertThat(done.polls()).isEqualTo(3);
            assertThat(sim.simulatedNow()).isEqualTo("2026-03-01T10:03:00Z");
        }
    }

    @Test
    void simulatedTimeCanStartAtAGivenInstant() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (Simulator sim = Simulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .timeScale(100)
                .simulatedStart(Instant.parse("2030-01-01T00:00:00Z"))
                .start()) {
            clock.advance(Duration.ofSeconds(2));
            String id = submit(sim);

            SimulatedJob job = sim.job(id).orElseThrow();
            assertThat(job.createdAtSimulated()).isEqualTo("2030-01-01T00:03:20Z");
            assertThat(job.createdAt()).isEqualTo("2026-03-01T10:00:02Z");
            assertThat(job.completesAt())
                    .isEqualTo(job.createdAt().plus(job.processingTime().dividedBy(100)));
        }
    }

    @Test
    void theDefaultProcessingTimeGrowsWithDurationAndResolutionWithinOneToFiveMinutes() {
        ProcessingTimeModel model = ProcessingTimeModel.standard();
        Random random = new Random(3);
        double shortSum = 0;
        double longSum = 0;
        for (int i = 0; i < 500; i++) {
            Duration small = model.processingTime(parameters(3, "720p"), random);
            Duration large = model.processingTime(parameters(15, "1080p"), random);
            assertThat(small).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(300));
            assertThat(large).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(300));
            shortSum += small.toMillis();
            longSum += large.toMillis();
        }
        assertThat(longSum / 500).isGreaterThan(2 * shortSum / 500);
        Duration mid = model.processingTime(parameters(10, "720p"), new Random(11));
        assertThat(mid).isEqualTo(model.processingTime(parameters(10, "720p"), new Random(11)));
        assertThat(mid.getSeconds()).isBetween(135L, 225L);
    }

    @Test
    void theProcessingTimeModelIsPluggable() throws Exception {
        try (Simulator sim = Simulator.builder()
                .apiKey(KEY)
                .processingTime((p, r) -> Duration.ofSeconds(10L * p.durationSeconds()))
                .start()) {
            String id = submit(sim);

            assertThat(sim.job(id).orElseThrow().processingTime()).isEqualTo(Duration.ofSeconds(50));
        }
    }

    @Test
    void theSameSeedGivesTheSameIdsAndProcessingTimes() throws Exception {
        assertThat(run(9)).isEqualTo(run(9)).isNotEqualTo(run(10));
    }

    private List<String> run(long seed) throws Exception {
        try (Simulator sim = Simulator.builder().apiKey(KEY).seed(seed).start()) {
            String a = submit(sim);
            String b = submit(sim);
            return List.of(
                    a,
                    b,
                    sim.job(a).orElseThrow().processingTime().toString(),
                    sim.job(b).orElseThrow().processingTime().toString());
        }
    }

    private String submit(Simulator sim) throws Exception {
        URI submit = URI.create(sim.waveSpeedBaseUrl() + "/api/v3/alibaba/happyhorse-1.0/reference-to-video");
        return TestClient.json(client.postJson(submit, TestClient.submission("https://x.invalid/a.png")))
                .path("data")
                .path("id")
                .asText();
    }

    private static JobParameters parameters(int seconds, String resolution) {
        return new JobParameters(
                "m", List.of("https://x.invalid/a.png"), "p", resolution, "16:9", seconds, OptionalLong.empty());
    }
}
