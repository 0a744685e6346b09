package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.testing.TestFiles;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Alibaba Model Studio end to end against the simulator: its wire format, states, limits and expiry. */
class ModelStudioTest extends SimulatorTestSupport {

    private RenderRequest.Builder modelStudio() throws IOException {
        return request(ProviderId.MODELSTUDIO);
    }

    private SimulatedJob onlyJob() {
        assertThat(sim.jobs()).hasSize(1);
        return sim.jobs().get(0);
    }

    @Test
    void rendersLocalImagesThroughTheTemporaryStorageWithOnePolicyPerFile() throws IOException {
        RenderRequest request = modelStudio()
                .image(image("style.jpg", Color.BLUE))
                .aspectRatio("9:16")
                .build();
        RenderResult result = await(engine.start(request, options().build()));

        assertThat(result.output()).exists();
        assertThat(result.provider()).isEqualTo(ProviderId.MODELSTUDIO);
        assertThat(result.cost()).isEqualByComparingTo("0.42");
        assertThat(result.height()).isGreaterThan(result.width());
        assertThat(sim.stats().requests(Route.MS_POLICY)).isEqualTo(2);
        assertThat(sim.stats().requests(Route.MS_STORAGE)).isEqualTo(2);
        assertThat(sim.stats().storageUploads()).isEqualTo(2);
        assertThat(sim.stats().requests(Route.MS_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(sim.stats().charges(Host.MODELSTUDIO)).isEqualByComparingTo("0.42");
        assertThat(sim.stats().throttledRequests()).isZero();
        // No key ever reached the storage origin (nor the media origin): checked after every test too.
        assertThat(sim.stats().storageAuthorizations()).isEmpty();
        assertNoTemporaryFilesLeft();

        SimulatedJob job = onlyJob();
        assertThat(job.parameters().model()).isEqualTo("happyhorse-1.0-r2v");
        JsonNode input = job.input();
        assertThat(input.path("input").path("media")).hasSize(2).allSatisfy(m -> {
            assertThat(m.path("type").asText()).isEqualTo("reference_image");
            assertThat(m.path("url").asText()).matches("oss://.+/(horse\\.png|style\\.jpg)");
        });
        assertThat(input.path("input").path("media").get(0).path("url").asText())
                .endsWith("/horse.png");
        JsonNode parameters = input.path("parameters");
        assertThat(parameters.path("resolution").asText()).isEqualTo("720P");
        assertThat(parameters.path("ratio").asText()).isEqualTo("9:16");
        assertThat(parameters.path("duration").asInt()).isEqualTo(3);
        assertThat(parameters.path("seed").asLong()).isEqualTo(7);
        assertThat(parameters.path("watermark").asBoolean(true)).as("watermark").isFalse();
        assertThat(checkpoints.get(1).model()).isEqualTo("happyhorse-1.0-r2v");
    }

    @Test
    void passesHttpsImagesAsTheyAreWithoutAnyUpload() {
        RenderRequest request = RenderRequest.builder()
                .provider(ProviderId.MODELSTUDIO)
                .images(List.of("https://images.example.com/horse.png", "https://images.example.com/beach.webp"))
                .prompt("a horse")
                .resolution("1080p")
                .duration(4)
                .build();
        RenderResult result = await(engine.start(request, options().build()));
        assertThat(result.cost()).isEqualByComparingTo("0.96");
        assertThat(sim.stats().requests(Route.MS_POLICY) + sim.stats().requests(Route.MS_STORAGE))
                .isZero();
        JsonNode input = onlyJob().input();
        assertThat(input.path("input").path("media").findValuesAsText("url"))
                .containsExactly("https://images.example.com/horse.png", "https://images.example.com/beach.webp");
        assertThat(input.path("parameters").path("resolution").asText()).isEqualTo("1080P");
        assertThat(input.path("parameters").has("seed")).isFalse();
    }

    @Test
    void theWatermarkIsOffUnlessTheClipAsksForIt() throws IOException {
        await(engine.start(
                modelStudio().watermark(true).build(),
                options().output(dir.resolve("marked.mp4")).build()));
        await(engine.start(modelStudio().build(), options().build()));
        List<SimulatedJob> jobs = sim.jobs();
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).input().path("parameters").path("watermark").asBoolean(false))
                .as("asked for")
                .isTrue();
        assertThat(jobs.get(1).input().path("parameters").path("watermark").asBoolean(true))
                .as("by default")
                .isFalse();
        // Two different clips: the mark is part of the clip's identity.
        assertThat(modelStudio().watermark(true).build().digest())
                .isNotEqualTo(modelStudio().build().digest());
    }

    @Test
    void everyFailedStateEndsInAJobFailureSayingWhy() throws IOException {
        record Case(Outcome outcome, String code, String text, boolean moderated) {}
        List<Case> cases = List.of(
                new Case(Outcome.FAIL, "InternalError.Algo", "failed", false),
                new Case(Outcome.TIMEOUT, "InternalError.Timeout", "timed out", false),
                new Case(Outcome.CANCEL, null, "cancelled", false),
                new Case(Outcome.MODERATION, "DataInspectionFailed", "moderation", true),
                new Case(Outcome.IP_INFRINGEMENT, "IPInfringementSuspect", "moderation", true));
        int n = 0;
        for (Case c : cases) {
            sim.faults().nextJob(c.outcome());
            Throwable error = failure(engine.start(
                    modelStudio().seed((long) n).build(),
                    options().output(dir.resolve("clip-" + n++ + ".mp4")).build()));
            assertThat(error).as(c.outcome().name()).isExactlyInstanceOf(JobFailedException.class);
            JobFailedException failed = (JobFailedException) error;
            assertThat(failed.getMessage()).as(c.outcome().name()).contains(c.text());
            assertThat(failed.errorCode()).as(c.outcome().name()).isEqualTo(c.code());
            assertThat(failed.moderated()).as(c.outcome().name()).isEqualTo(c.moderated());
            if (c.moderated()) {
                assertThat(failed.getMessage()).contains("Change the prompt or the images");
            }
        }
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(cases.size());
    }

    @Test
    void aSuspendedTaskIsWaitedForUntilTheDeadline() throws IOException {
        sim.faults().nextJob(Outcome.UNKNOWN_STATUS);
        Throwable error = failure(engine.start(
                modelStudio().build(),
                options().deadline(Duration.ofMinutes(20)).build()));
        assertThat(error).isExactlyInstanceOf(DeadlineExceededException.class).hasMessageContaining("resume");
        assertThat(events).anyMatch(e -> e.message().contains("is SUSPENDED"));
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void anUnknownTaskIsAFinalAnswerThatSaysWhy() throws Exception {
        try {
            engine.status(new JobRef(ProviderId.MODELSTUDIO, "0123456789abcdef"), ApiKey.of(KEY), Duration.ofMinutes(1))
                    .get(30, TimeUnit.SECONDS);
            throw new AssertionError("an unknown task was reported");
        } catch (ExecutionException e) {
            assertThat(e.getCause())
                    .isExactlyInstanceOf(JobFailedException.class)
                    .hasMessageContaining("no longer knows task 0123456789abcdef")
                    .hasMessageContaining("24 hours")
                    .hasMessageContaining("never submits again");
        }
        assertThat(sim.stats().requests(Route.MS_TASK)).isEqualTo(1);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aCheckpointOlderThanADayFailsNamingItsAgeWithoutAnyCall() throws IOException {
        await(engine.start(modelStudio().build(), options().build()));
        RenderCheckpoint beforeSubmit = checkpoints.get(0);
        RenderCheckpoint withId = checkpoints.get(1);
        long before = sim.stats().requests(Route.ANY);
        scheduler.advance(Duration.ofHours(25));

        Throwable expired = failure(
                engine.resume(withId, options().output(dir.resolve("b.mp4")).build()));
        assertThat(expired)
                .isExactlyInstanceOf(JobFailedException.class)
                .hasMessageContaining("25 h")
                .hasMessageContaining(withId.predictionId())
                .hasMessageContaining("24 hours");
        Throwable lost = failure(engine.resume(
                beforeSubmit, options().output(dir.resolve("c.mp4")).build()));
        assertThat(lost)
                .isExactlyInstanceOf(SubmissionUncertainException.class)
                .hasMessageContaining("25 h")
                .hasMessageContaining(beforeSubmit.requestDigest());
        assertThat(sim.stats().requests(Route.ANY)).isEqualTo(before);
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void aCheckpointWithinADayIsResumed() throws IOException {
        await(engine.start(modelStudio().build(), options().build()));
        scheduler.advance(Duration.ofHours(23));
        RenderResult again = await(engine.resume(
                checkpoints.get(1), options().output(dir.resolve("again.mp4")).build()));
        assertThat(again.output()).exists();
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void throttledPollsAreRetriedWithBackoff() throws IOException {
        sim.faults().next(Route.MS_TASK, Fault.status(429), 3);
        RenderResult result =
                await(engine.start(modelStudio().build(), options().build()));
        assertThat(result.output()).exists();
        assertThat(sim.stats().requests(Route.MS_TASK)).isGreaterThanOrEqualTo(4);
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void pollsThrottledOnEveryAttemptEndInARateLimitFailure() throws IOException {
        sim.faults().next(Route.MS_TASK, Fault.status(429), 1000);
        Throwable error = failure(engine.start(modelStudio().build(), options().build()));
        assertThat(error)
                .isExactlyInstanceOf(RateLimitedException.class)
                .hasMessageContaining("kept answering 429")
                .hasMessageContaining("Throttling");
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void aThrottledSubmitCreatedNothingSoItIsSentAgainAndPaidOnce() throws IOException {
        sim.faults().next(Route.MS_SUBMIT, Fault.status(429));
        RenderResult result =
                await(engine.start(modelStudio().build(), options().build()));
        assertThat(result.output()).exists();
        assertThat(sim.stats().requests(Route.MS_SUBMIT)).isEqualTo(2);
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void imagesOutsideTheHostsLimitsAreRefusedBeforeAnyCall() throws IOException {
        Path small = image("small.png", Color.RED, 600, 300);
        Path big = TestFiles.write(dir, "big.png", TestFiles.png(11 * 1024 * 1024, 800, 600));
        RenderRequest request = RenderRequest.builder()
                .provider(ProviderId.MODELSTUDIO)
                .image(small)
                .image(big)
                .image(image("fine.png", Color.GREEN))
                .prompt("a horse")
                .build();
        Preflight check =
                engine.preflight(request.parse().orElseThrow(), options().build());
        assertThat(check.problems()).hasSize(2);
        assertThat(check.problems().get(0).field()).isEqualTo("images[0]");
        assertThat(check.problems().get(0).reason()).contains("600x300").contains("400 px");
        assertThat(check.problems().get(1).field()).isEqualTo("images[1]");
        assertThat(check.problems().get(1).reason()).contains("11.0 MB, over 10 MB");
        assertThat(check.problems().get(1).allowed())
                .contains("png, jpeg or webp")
                .contains("400 px");
        assertThat(failure(engine.render(check))).isExactlyInstanceOf(InvalidRequestException.class);
        // The same images are fine on a reseller.
        assertThat(engine.preflight(
                                request.toBuilder()
                                        .provider(ProviderId.WAVESPEED)
                                        .build()
                                        .parse()
                                        .orElseThrow(),
                                options().build())
                        .problems())
                .isEmpty();
        assertThat(sim.stats().requests(Route.ANY)).isZero();
    }

    @Test
    void manyRendersShareTheAccountsQueryLimitAndAreNeverThrottled() throws IOException {
        // Every render submits at the same engine instant, so their polls fall due together: without
        // the engine-wide gate, 60 queries would reach the host within one second.
        PollingPolicy eager = PollingPolicy.builder()
                .expectedTime(20, 0, 1)
                .denseInterval(Duration.ofMillis(500))
                .build();
        List<RenderHandle> handles = new ArrayList<>();
        try (RenderEngine shared = engineBuilder().pollingPolicy(eager).build()) {
            RenderRequest request = RenderRequest.builder()
                    .provider(ProviderId.MODELSTUDIO)
                    .image("https://images.example.com/horse.png")
                    .prompt("a horse")
                    .duration(3)
                    .build();
            for (int i = 0; i < 60; i++) {
                handles.add(shared.start(
                        request.toBuilder().seed((long) i).build(),
                        options()
                                .output(dir.resolve("many").resolve(i + ".mp4"))
                                .build()));
            }
            for (RenderHandle h : handles) {
                assertThat(await(h).output()).exists();
            }
        }
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(60);
        assertThat(sim.stats().requests(Route.MS_TASK)).isGreaterThanOrEqualTo(60);
        assertThat(sim.stats().throttledRequests())
                .as("queries refused for the rate")
                .isZero();
    }
}
