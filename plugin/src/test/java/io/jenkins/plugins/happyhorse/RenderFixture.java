package io.jenkins.plugins.happyhorse;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.FilePath;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.engine.RenderEngines;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import jenkins.model.Jenkins;
import jenkins.util.VirtualFile;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The shared setup of the plugin's tests: an in-process simulator of both hosts and the engine on
 * one stepped clock ({@link SteppedScheduler}: it stands still while they work and jumps from timer
 * to timer, so minutes of host time pass in milliseconds and a slow
 * machine never shows on either clock, nor reaches a deadline), the global configuration pointing
 * at the simulator, the simulator's key as a Secret Text credential, and small reference images.
 */
final class RenderFixture {

    /** Engine seconds per real second of a short timer's wait (a poll, a retry's backoff). */
    static final double PACE = 1000;

    /** The id of the Secret Text credential holding the simulator's key. */
    static final String CREDENTIALS_ID = "happyhorse-key";

    /** The key: long and unusual, so that finding it anywhere is a real leak. */
    static final String API_KEY = "hh-test-key-7f3a9c1e5b2d4086a1c3e5f7";

    private RenderFixture() {}

    /**
     * A new stepped clock for the simulator and the engine; a test that acts while a render waits
     * {@link SteppedScheduler#hold() holds} it (the render then stays parked on its next poll,
     * however slow the machine) and releases it afterwards.
     */
    static SteppedScheduler newClock() {
        return new SteppedScheduler(Instant.parse("2026-03-01T10:00:00Z"), PACE);
    }

    /** A simulator on 127.0.0.1 accepting {@link #API_KEY}, on {@code clock}. */
    static Simulator startSimulator(SteppedScheduler clock) throws IOException {
        return Simulator.builder()
                .apiKey(API_KEY)
                .clock(clock.clock())
                .seed(7)
                .maxHold(Duration.ofMinutes(2))
                .start();
    }

    /** Points the controller at {@code simulator}, with the engine on {@code clock}, and adds the key. */
    static void configure(Jenkins jenkins, Simulator simulator, SteppedScheduler clock) throws IOException {
        RenderEngines.useScheduler(clock);
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setWaveSpeedBaseUrl(simulator.waveSpeedBaseUrl().toString());
        config.setAtlasCloudBaseUrl(simulator.atlasCloudBaseUrl().toString());
        // Engine-clock minutes: a deadline is reached only by the render's own polls passing it,
        // never by a slow machine; 600 leaves every render here room to finish.
        config.setDefaultTimeoutMinutes(600);
        addCredentials(
                jenkins,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, CREDENTIALS_ID, "simulator key", Secret.fromString(API_KEY)));
    }

    static void addCredentials(Jenkins jenkins, IdCredentials credentials) throws IOException {
        CredentialsProvider.lookupStores(jenkins).iterator().next().addCredentials(Domain.global(), credentials);
    }

    /** Writes a small PNG at {@code path} in {@code workspace}. */
    static void writeImage(FilePath workspace, String path, Color color) throws IOException, InterruptedException {
        FilePath file = workspace.child(path);
        file.getParent().mkdirs();
        try (OutputStream out = file.write()) {
            out.write(png(color));
        }
    }

    /** The bytes of a 64×48 PNG filled with {@code color}. */
    static byte[] png(Color color) throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(color);
            g.fillRect(0, 0, 64, 48);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** Every request the simulator received, whatever the route. */
    static long requests(Simulator simulator) {
        return simulator.stats().requestsByRoute().values().stream()
                        .mapToLong(Long::longValue)
                        .sum()
                + simulator.stats().unmatchedRequests();
    }

    /** Holds every poll of a WaveSpeed job unanswered, so that a render stays in its wait. */
    static void holdPolls(Simulator simulator) {
        simulator.faults().next(Route.WS_RESULT, Fault.noReply(), 1000);
        simulator.faults().next(Route.WS_PREDICTION, Fault.noReply(), 1000);
    }

    /** Asserts that {@code secret} appears in no file under the build's folder. */
    static void assertSecretAbsent(Run<?, ?> run, String secret) throws IOException {
        assertThat(filesContaining(run.getRootDir().toPath(), secret))
                .as("files of %s holding the API key", run)
                .isEmpty();
    }

    private static List<Path> filesContaining(Path root, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    hits.add(file);
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** How many lines of {@code run}'s log contain {@code text}. */
    static long lines(Run<?, ?> run, String text) throws IOException {
        return JenkinsRule.getLog(run)
                .lines()
                .filter(line -> line.contains(text))
                .count();
    }

    /** The archived artifact {@code path} of {@code run}. */
    static VirtualFile artifact(Run<?, ?> run, String path) {
        return run.getArtifactManager().root().child(path);
    }
}
