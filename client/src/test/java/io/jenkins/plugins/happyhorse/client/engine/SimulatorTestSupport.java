package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.media.VerificationPolicy;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a real simulator on loopback and an engine against it, both on one stepped clock: time
 * stands still while they work and jumps from timer to timer (each short timer waiting 1/5000 of
 * its delay in real time), so minutes of host time pass in milliseconds without sleeping, and a
 * slow or busy machine never shows on either side's clock.
 */
abstract class SimulatorTestSupport {
    /** Engine seconds of a timer's delay per real second of waiting for it. */
    static final double PACE = 5000;

    static final String KEY = "sk-test-9f8e7d6c5b4a";

    @TempDir
    Path dir;

    Simulator sim;
    SteppedScheduler scheduler;
    RenderEngine engine;
    final List<RenderEvent> events = new CopyOnWriteArrayList<>();
    final List<RenderCheckpoint> checkpoints = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSimulatorAndEngine() throws IOException {
        scheduler = new SteppedScheduler(Instant.parse("2026-03-01T10:00:00Z"), PACE);
        // The simulator reads the same clock, so its timestamps and ours agree to the nanosecond.
        sim = configure(Simulator.builder()
                        .apiKey(KEY)
                        .clock(scheduler.clock())
                        // Its callbacks (webhooks) are sent on the same clock.
                        .webhookTimer(new SteppedCallbacks(scheduler))
                        .seed(42)
                        .pictureScale(8))
                .start();
        engine = engineBuilder().build();
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            // Whatever a test did, the key never reached the upload and output origin.
            assertNoKeyReachedTheMediaOrigin();
        }
        if (engine != null) {
            engine.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    /** Lets a test class change the simulator. */
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder;
    }

    RenderEngine.Builder engineBuilder() {
        return RenderEngine.builder()
                .endpoint(ProviderId.WAVESPEED, sim.waveSpeedBaseUrl())
                .endpoint(ProviderId.ATLASCLOUD, sim.atlasCloudBaseUrl())
                .endpoint(ProviderId.MODELSTUDIO, sim.modelStudioBaseUrl())
                .scheduler(scheduler)
                .responseTimeout(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.builder().random(new Random(3)).build());
    }

    Path output() {
        return dir.resolve("out").resolve("clip.mp4");
    }

    RenderOptions.Builder options() {
        return RenderOptions.builder()
                .apiKey(ApiKey.of(KEY))
                .output(output())
                // A safety bound: renders here take minutes of engine time, and a day is 86 s of
                // real pacing, so only a test that sets its own deadline ever reaches one.
                .deadline(Duration.ofDays(1))
                .listener(events::add)
                .checkpointSink(checkpoints::add)
                // The simulator serves pictures shrunk by 8 to keep tests quick.
                .verificationPolicy(VerificationPolicy.aspectRatioOnly());
    }

    /**
     * A real PNG (or JPEG) picture of 640x480, large enough for every host (Model Studio wants at
     * least 400 px on the short side).
     */
    Path image(String name, Color color) throws IOException {
        return image(name, color, 640, 480);
    }

    /**
     * A real PNG (or JPEG) picture of this size. It is written next to its place and moved there in
     * one step: a render started earlier may be reading a picture of the same name (every {@link
     * #request} writes {@code horse.png}), and must never see one half-written.
     */
    Path image(String name, Color color, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 6, height / 5, width / 3, height / 2);
        g.dispose();
        Path file = dir.resolve(name);
        Path partial = Files.createTempFile(dir, name, ".partial");
        ImageIO.write(img, name.endsWith(".jpg") ? "jpeg" : "png", partial.toFile());
        return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    RenderRequest.Builder request(ProviderId provider) throws IOException {
        return RenderRequest.builder()
                .provider(provider)
                .image(image("horse.png", Color.ORANGE))
                .prompt("A horse gallops along a beach at sunset")
                .duration(3)
                .seed(7L);
    }

    static RenderResult await(RenderHandle handle) {
        try {
            return handle.result().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the render failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the render did not finish in time", e);
        }
    }

    /** The failure of a render that must fail; its messages never contain the key. */
    Throwable failure(RenderHandle handle) {
        try {
            RenderResult r = handle.result().get(60, TimeUnit.SECONDS);
            return fail("the render succeeded but should have failed: " + r);
        } catch (ExecutionException e) {
            assertKeyAbsentFrom(e.getCause());
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the render did not finish in time", e);
        }
    }

    /** Nothing but the verified output (if any) is in the output directory: no temporary files. */
    void assertNoTemporaryFilesLeft() throws IOException {
        Path outDir = output().getParent();
        if (!Files.isDirectory(outDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(outDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch("clip.mp4"::equals);
        }
    }

    void assertNoKeyReachedTheMediaOrigin() {
        assertThat(sim.stats().mediaAuthorizations()).isEmpty();
        assertThat(sim.stats().storageAuthorizations()).isEmpty();
    }

    void assertKeyAbsentFrom(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
            assertThat(t.toString()).doesNotContain(KEY);
        }
        for (RenderEvent e : events) {
            assertThat(e.message()).doesNotContain(KEY);
        }
    }
}
