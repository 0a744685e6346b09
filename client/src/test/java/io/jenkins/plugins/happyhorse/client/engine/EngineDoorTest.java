package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.error.StorageException;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipShape;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's door beyond a plain render: preflight, status and collecting a clip paid for earlier. */
class EngineDoorTest extends SimulatorTestSupport {

    private ClipSpec spec(ProviderId provider) throws IOException {
        return request(provider).build().parse().orElseThrow();
    }

    @Test
    void preflightEstimatesAndNamesEveryProblemWithoutAnyCall() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("a-folder.mp4"));
        Preflight check = engine.preflight(
                spec(ProviderId.WAVESPEED),
                options().output(folder).maxCost(new BigDecimal("0.10")).build());
        assertThat(check.estimate().usd()).isEqualByComparingTo("0.42");
        assertThat(check.problems()).extracting(v -> v.field()).containsExactly("output");
        assertThat(check.overCostLimit()).isTrue();
        assertThat(check.cleared()).isFalse();
        assertThat(check.refusal()).containsInstanceOf(InvalidRequestException.class);

        Preflight dear = engine.preflight(
                spec(ProviderId.WAVESPEED),
                options().maxCost(new BigDecimal("0.10")).build());
        assertThat(dear.problems()).isEmpty();
        assertThat(dear.refusal()).containsInstanceOf(CostLimitExceededException.class);
        assertThat(sim.stats().requests(Route.ANY)).isZero();
    }

    @Test
    void rendersWhatThePreflightChecked() throws IOException {
        Preflight check =
                engine.preflight(spec(ProviderId.ATLASCLOUD), options().build());
        assertThat(check.cleared()).isTrue();
        RenderResult result = await(engine.render(check));
        assertThat(result.output()).isNotEmptyFile();
        assertThat(result.cost()).isEqualByComparingTo(check.estimate().usd());
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void asksAboutAJobAndCollectsItsClipWithoutPayingAgain() throws Exception {
        for (ProviderId provider : ProviderId.values()) {
            RenderResult first = await(engine.render(spec(provider), options().build()));
            JobRef job = new JobRef(provider, " " + first.predictionId() + " ");

            Prediction status =
                    engine.status(job, ApiKey.of(KEY), Duration.ofMinutes(5)).get(30, TimeUnit.SECONDS);
            assertThat(status.status()).isEqualTo(PredictionStatus.SUCCEEDED);
            assertThat(status.outputs()).isNotEmpty();

            Path again = dir.resolve("again-" + provider.id() + ".mp4");
            RenderResult collected =
                    await(engine.download(job, options().output(again).build()));
            assertThat(collected.predictionId()).isEqualTo(first.predictionId());
            assertThat(collected.output()).isEqualTo(again.toAbsolutePath());
            assertThat(Files.size(again)).isEqualTo(Files.size(first.output()));
            assertThat(collected.cost()).isNull();
        }
        assertThat(sim.stats().submissions()).isEqualTo(ProviderId.values().length);
    }

    @Test
    void collectingWaitsForAJobThatIsStillRunning() throws Exception {
        CountDownLatch submitted = new CountDownLatch(1);
        RenderHandle abandoned = engine.render(
                spec(ProviderId.WAVESPEED),
                options()
                        .checkpointSink(cp -> {
                            if (cp.predictionId() != null) {
                                submitted.countDown();
                            }
                        })
                        .build());
        assertThat(submitted.await(30, TimeUnit.SECONDS)).isTrue();
        RenderCheckpoint checkpoint = abandoned.checkpoint().orElseThrow();
        abandoned.cancel();

        RenderResult collected = await(engine.download(checkpoint, options().build()));
        assertThat(collected.predictionId()).isEqualTo(checkpoint.predictionId());
        assertThat(collected.durationSeconds()).isEqualTo(3);
        assertThat(collected.output()).isNotEmptyFile();
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void aCollectedClipIsVerifiedAgainstWhatTheCheckpointExpects() throws IOException {
        RenderResult first =
                await(engine.render(spec(ProviderId.WAVESPEED), options().build()));
        JobRef job = new JobRef(ProviderId.WAVESPEED, first.predictionId());
        RenderCheckpoint expectingTen = RenderCheckpoint.adopted(
                job, sim.waveSpeedBaseUrl(), scheduler.now(), new ClipShape(Resolution.P720, AspectRatio.R16_9, 10));
        Path other = dir.resolve("other").resolve("clip.mp4");
        assertThat(failure(engine.download(expectingTen, options().output(other).build())))
                .isInstanceOf(OutputVerificationException.class)
                .hasMessageContaining("10 s was requested");
        assertThat(other).doesNotExist();
        assertThat(RenderCheckpoint.fromJson(expectingTen.toJson())).isEqualTo(expectingTen);
    }

    @Test
    void aCheckpointWithoutAnIdIsResumedNotDownloaded() throws IOException {
        await(engine.render(spec(ProviderId.WAVESPEED), options().build()));
        RenderCheckpoint beforeSubmit = checkpoints.get(0);
        assertThat(beforeSubmit.predictionId()).isNull();
        assertThat(failure(engine.download(beforeSubmit, options().build())))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("checkpoint.predictionId")
                .hasMessageContaining("resume");
        assertThat(engine.status(beforeSubmit, ApiKey.of(KEY), Duration.ofMinutes(1)))
                .isCompletedExceptionally();
    }

    @Test
    void anImageChangedAfterItWasReadStopsTheRenderBeforeTheSubmit() throws IOException {
        for (ProviderId provider : ProviderId.values()) {
            ClipSpec spec = spec(provider);
            Path image = ((io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage)
                            spec.images().get(0))
                    .path();
            Files.write(image, new byte[] {1, 2, 3});
            assertThat(failure(engine.render(spec, options().build())))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("horse.png")
                    .hasMessageContaining("nothing was submitted");
        }
        assertThat(sim.stats().submissions()).isZero();
    }
}
