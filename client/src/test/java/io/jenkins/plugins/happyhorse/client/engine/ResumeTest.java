package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A checkpoint taken by one engine lets a new engine finish the render without a second submission. */
class ResumeTest extends SimulatorTestSupport {

    @Test
    void resumesInANewEngineWithoutSubmittingAgain() throws Exception {
        for (ProviderId provider : ProviderId.values()) {
            CountDownLatch submitted = new CountDownLatch(1);
            RenderHandle first;
            try (RenderEngine before = engineBuilder().build()) {
                first = before.start(
                        request(provider).build(),
                        options()
                                .checkpointSink(cp -> {
                                    checkpoints.add(cp);
                                    if (cp.predictionId() != null) {
                                        submitted.countDown();
                                    }
                                })
                                .build());
                assertThat(submitted.await(30, TimeUnit.SECONDS)).isTrue();
            }
            // The first engine is gone (as after a restart); only the JSON survives.
            String saved = first.checkpoint().orElseThrow().toJson();
            first.cancel();
            try (RenderEngine after = engineBuilder().build()) {
                RenderResult result = await(
                        after.resume(RenderCheckpoint.fromJson(saved), options().build()));
                assertThat(result.output()).exists();
                assertThat(result.predictionId())
                        .isEqualTo(first.checkpoint().orElseThrow().predictionId());
            }
        }
        assertThat(sim.stats().submissions()).isEqualTo(ProviderId.values().length);
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.AC_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.MS_SUBMIT)).isEqualTo(1);
    }

    @Test
    void resumingAnAtlasCheckpointWithoutAnIdFindsTheJobInTheHistory() throws IOException {
        await(engine.start(request(ProviderId.ATLASCLOUD).build(), options().build()));
        RenderCheckpoint beforeSubmit = checkpoints.get(0);
        assertThat(beforeSubmit.predictionId()).isNull();

        try (RenderEngine after = engineBuilder().build()) {
            RenderResult result = await(after.resume(
                    beforeSubmit, options().output(dir.resolve("again.mp4")).build()));
            assertThat(result.predictionId()).isEqualTo(checkpoints.get(1).predictionId());
        }
        assertThat(sim.stats().submissions()).isEqualTo(1);
        assertThat(sim.stats().requests(Route.AC_SUBMIT)).isEqualTo(1);
    }

    @Test
    void resumingAWaveSpeedCheckpointWithoutAnIdNeverSubmits() throws IOException {
        await(engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        RenderCheckpoint beforeSubmit = checkpoints.get(0);
        try (RenderEngine after = engineBuilder().build()) {
            Throwable error = failure(after.resume(
                    beforeSubmit, options().output(dir.resolve("again.mp4")).build()));
            assertThat(error)
                    .isInstanceOf(SubmissionUncertainException.class)
                    .hasMessageContaining(beforeSubmit.requestDigest());
        }
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
    }

    @Test
    void aCheckpointWithoutAnIdWhoseSubmitThisEngineSawIsCollectedByTheIdItLearned() throws IOException {
        // The first render learned the id after its first checkpoint was saved; the same engine knows it.
        RenderResult first = await(
                engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        RenderCheckpoint beforeSubmit = checkpoints.get(0);
        RenderResult again = await(engine.resume(
                beforeSubmit, options().output(dir.resolve("again.mp4")).build()));
        assertThat(again.predictionId()).isEqualTo(first.predictionId());
        assertThat(events).anyMatch(e -> e.message().contains("already reached this engine"));
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
    }

    @Test
    void aCheckpointForAnotherHostAddressIsRefused() throws IOException {
        RenderCheckpoint elsewhere = new RenderCheckpoint(
                ProviderId.WAVESPEED,
                URI.create("https://api.wavespeed.ai"),
                "alibaba/happyhorse-1.0/reference-to-video",
                "0".repeat(64),
                null,
                "abc",
                scheduler.now(),
                io.jenkins.plugins.happyhorse.client.spec.Resolution.P720,
                io.jenkins.plugins.happyhorse.client.spec.AspectRatio.R16_9,
                5,
                null,
                null);
        assertThat(failure(engine.resume(elsewhere, options().build())))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("checkpoint.baseUrl");
        assertThat(sim.stats().requests(Route.ANY)).isZero();
    }

    @Test
    void aResumedRenderCountsItsDeadlineFromTheResume() throws IOException {
        await(engine.start(request(ProviderId.WAVESPEED).build(), options().build()));
        RenderCheckpoint done = checkpoints.get(1);
        // Two hours after the submit, a resume with a one-hour deadline still has its full hour.
        scheduler.advance(Duration.ofHours(2));
        RenderResult again = await(engine.resume(
                done,
                options()
                        .output(dir.resolve("copy.mp4"))
                        .deadline(Duration.ofHours(1))
                        .build()));
        assertThat(again.output()).exists();
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }
}
