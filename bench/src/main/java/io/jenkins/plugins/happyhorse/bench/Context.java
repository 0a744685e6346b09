package io.jenkins.plugins.happyhorse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.happyhorse.bench.measure.ThreadCensus;
import io.jenkins.plugins.happyhorse.bench.workload.PngWriter;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * What every scenario shares: the settings, the thread census taken when the JVM started (before
 * any client existed), a scratch directory, the seed and the log.
 */
public final class Context {
    /** Seeds workloads and simulators, so that runs are comparable. */
    public static final long SEED = 20_260_801L;

    private final Settings settings;
    private final ThreadCensus.Count jvmStart;
    private final Path workDir;
    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream log;
    private final Instant started = Instant.now();
    private Path smallImage;
    private Path modelStudioImage;

    public Context(Settings settings, ThreadCensus.Count jvmStart, Path workDir, PrintStream log) {
        this.settings = settings;
        this.jvmStart = jvmStart;
        this.workDir = workDir;
        this.log = log;
    }

    public Settings settings() {
        return settings;
    }

    /** Client-side threads before any client existed in this JVM. */
    public ThreadCensus.Count jvmStart() {
        return jvmStart;
    }

    public Path workDir() {
        return workDir;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A small reference image (64×64 PNG) that the scale and polling renders upload. */
    public synchronized Path smallImage() throws IOException {
        if (smallImage == null) {
            smallImage = workDir.resolve("reference.png");
            PngWriter.write(smallImage, 64, 64, SEED);
        }
        return smallImage;
    }

    /**
     * A 400×400 reference picture, the smallest Model Studio takes (400 px on the short side), a
     * flat drawing of a few kilobytes, so its uploads cost what the small image's cost the others.
     */
    public synchronized Path modelStudioImage() throws IOException {
        if (modelStudioImage == null) {
            modelStudioImage = workDir.resolve("reference-400.png");
            java.awt.image.BufferedImage picture =
                    new java.awt.image.BufferedImage(400, 400, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = picture.createGraphics();
            try {
                g.setColor(java.awt.Color.ORANGE);
                g.fillRect(0, 0, 400, 400);
                g.setColor(java.awt.Color.WHITE);
                g.fillOval(80, 80, 160, 200);
            } finally {
                g.dispose();
            }
            javax.imageio.ImageIO.write(picture, "png", modelStudioImage.toFile());
        }
        return modelStudioImage;
    }

    /** A fresh directory under the scratch directory. */
    public Path newDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(workDir, prefix);
    }

    /**
     * Starts a simulator on loopback with this time scale, the shared seed and shrunken pictures
     * (outputs of a few kilobytes), after {@code tweak}.
     */
    public Simulator simulator(double scale, UnaryOperator<Simulator.Builder> tweak) throws IOException {
        return tweak.apply(Simulator.builder()
                        .apiKey("bench-" + Long.toHexString(SEED))
                        .timeScale(scale)
                        .seed(SEED)
                        .pictureScale(8))
                .start();
    }

    /** Writes a line to the log, prefixed with the seconds since the start. */
    public void log(String line) {
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        log.printf(java.util.Locale.ROOT, "[%7.1f s] %s%n", seconds, line);
        log.flush();
    }
}
