package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.media.Mp4Inspector;
import io.jenkins.plugins.happyhorse.client.media.VerificationPolicy;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class HappyPathTest extends SimulatorTestSupport {

    @Test
    void waveSpeedRendersUploadedLocalImagesIntoAVerifiedClip() throws IOException {
        RenderRequest request = request(ProviderId.WAVESPEED)
                .image(image("style.jpg", Color.BLUE))
                .aspectRatio("9:16")
                .build();
        RenderResult result = await(engine.start(request, options().build()));

        assertThat(result.output()).isEqualTo(output().toAbsolutePath()).exists();
        assertThat(result.provider()).isEqualTo(ProviderId.WAVESPEED);
        assertThat(result.predictionId()).isNotBlank();
        assertThat(result.aspectRatio()).isEqualTo(AspectRatio.R9_16);
        assertThat(result.height()).isGreaterThan(result.width());
        assertThat(result.measuredDuration().toMillis()).isBetween(2500L, 3500L);
        assertThat(result.cost()).isEqualByComparingTo("0.42");
        assertThat(result.seed()).isEqualTo(7L);
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            java.nio.file.Files.getPosixFilePermissions(result.output())))
                    .as("an ordinary file, not an owner-only temporary one")
                    .isEqualTo("rw-r--r--");
        }
        assertThat(result.byteSize()).isEqualTo(Files.size(result.output()));
        assertThat(Mp4Inspector.inspect(result.output()).durationSeconds()).isBetween(2.5, 3.5);

        assertThat(sim.stats().requests(Route.WS_UPLOAD)).isEqualTo(2);
        assertThat(sim.stats().requests(Route.MEDIA_PUT)).isEqualTo(2);
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.WAVESPEED)).isEqualTo(1);
        assertNoKeyReachedTheMediaOrigin();
        assertNoTemporaryFilesLeft();

        assertThat(checkpoints).hasSize(2);
        assertThat(checkpoints.get(0).predictionId()).isNull();
        assertThat(checkpoints.get(1).predictionId()).isEqualTo(result.predictionId());
        assertThat(checkpoints.get(1).requestDigest()).isEqualTo(request.digest());
        assertThat(events)
                .extracting(RenderEvent::phase)
                .contains(
                        RenderPhase.ESTIMATING,
                        RenderPhase.UPLOADING,
                        RenderPhase.SUBMITTING,
                        RenderPhase.WAITING,
                        RenderPhase.DOWNLOADING,
                        RenderPhase.VERIFYING,
                        RenderPhase.DONE);
        assertThat(events.get(events.size() - 1).phase()).isEqualTo(RenderPhase.DONE);
    }

    @Test
    void atlasCloudRendersUploadedLocalImagesIntoAVerifiedClip() throws IOException {
        RenderRequest request =
                request(ProviderId.ATLASCLOUD).resolution("1080p").build();
        RenderResult result = await(engine.start(request, options().build()));

        assertThat(result.output()).exists();
        assertThat(result.resolution()).isEqualTo(Resolution.P1080);
        assertThat(result.cost()).isEqualByComparingTo("0.72");
        assertThat(sim.stats().requests(Route.AC_UPLOAD)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.AC_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.ATLASCLOUD)).isEqualTo(1);
        assertThat(sim.stats().charges(Host.ATLASCLOUD)).isEqualByComparingTo("0.72");
        assertNoKeyReachedTheMediaOrigin();
        assertNoTemporaryFilesLeft();
    }

    @Test
    void urlImagesArePassedThroughWithoutAnyUpload() throws IOException {
        for (ProviderId provider : ProviderId.values()) {
            RenderRequest request = RenderRequest.builder()
                    .provider(provider)
                    .images(List.of("https://images.example.com/horse.png", "https://images.example.com/beach.webp"))
                    .prompt("a horse")
                    .duration(4)
                    .build();
            RenderResult result = await(engine.start(
                    request,
                    options().output(dir.resolve(provider.id() + ".mp4")).build()));
            assertThat(result.output()).exists();
            assertThat(result.seed()).isNull();
        }
        assertThat(sim.stats().requests(Route.WS_UPLOAD)
                        + sim.stats().requests(Route.AC_UPLOAD)
                        + sim.stats().requests(Route.MS_POLICY)
                        + sim.stats().requests(Route.MS_STORAGE))
                .isZero();
        assertThat(sim.stats().submissions()).isEqualTo(ProviderId.values().length);
    }

    @Test
    void manyAtlasJobsCoverTheHostsSpellingVariants() throws IOException {
        // Each simulated Atlas job draws its own variants: outputs vs output (string or list),
        // completed vs succeeded, an early 404 or 400. All of them must end in a clip.
        List<RenderHandle> handles = new java.util.ArrayList<>();
        RenderRequest request = request(ProviderId.ATLASCLOUD).build();
        PollingPolicy early = PollingPolicy.builder().phases(0.05, 0.1, 2).build();
        try (RenderEngine eager = engineBuilder().pollingPolicy(early).build()) {
            for (int i = 0; i < 12; i++) {
                handles.add(eager.start(
                        request.toBuilder().seed((long) i).build(),
                        options().output(dir.resolve("clip-" + i + ".mp4")).build()));
            }
            for (RenderHandle h : handles) {
                assertThat(await(h).output()).exists();
            }
        }
        assertThat(sim.stats().submissions(Host.ATLASCLOUD)).isEqualTo(12);
    }

    @Test
    void strictVerificationAcceptsFullSizePictures() throws IOException {
        try (Simulator full = Simulator.builder()
                        .apiKey(KEY)
                        .clock(scheduler.clock())
                        .seed(5)
                        .start();
                RenderEngine strict = RenderEngine.builder()
                        .endpoint(ProviderId.WAVESPEED, full.waveSpeedBaseUrl())
                        .scheduler(scheduler)
                        .build()) {
            RenderResult result = await(strict.start(
                    RenderRequest.builder()
                            .image("https://images.example.com/a.png")
                            .prompt("p")
                            .duration(3)
                            .build(),
                    options().verificationPolicy(VerificationPolicy.strict()).build()));
            assertThat(result.width()).isEqualTo(1280);
            assertThat(result.height()).isEqualTo(720);
        }
    }
}
