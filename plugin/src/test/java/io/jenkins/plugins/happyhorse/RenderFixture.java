package io.jenkins.plugins.happyhorse;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.FilePath;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.happyhorse.client.time.TimeScaledScheduler;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import jenkins.model.Jenkins;
import jenkins.util.VirtualFile;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The shared setup of the plugin's tests: an in-process simulator of both hosts whose clock runs
 * 1,000 times faster than real time (a two-minute render takes about 120 ms), an engine clock
 * scaled the same way, the global configuration pointing at the simulator, the simulator's key as
 * a Secret Text credential, and small reference images.
 */
final class RenderFixture {

    /** Simulated seconds per real second, for the simulator and the engine alike. */
    static final double TIME_SCALE = 1000;

    /** The id of the Secret Text credential holding the simulator's key. */
    static final String CREDENTIALS_ID = "happyhorse-key";

    /** The key: long and unusual, so that finding it anywhere is a real leak. */
    static final String API_KEY = "hh-test-key-7f3a9c1e5b2d4086a1c3e5f7";

    private RenderFixture() {}

    /** A simulator on 127.0.0.1 accepting {@link #API_KEY}. */
    static Simulator startSimulator() throws IOException {
        return Simulator.builder()
                .apiKey(API_KEY)
                .timeScale(TIME_SCALE)
                .seed(7)
                .maxHold(Duration.ofMinutes(2))
                .start();
    }

    /** Points the controller at {@code simulator}, with the scaled engine clock and the key. */
    static void configure(Jenkins jenkins, Simulator simulator) throws IOException {
        RenderEngines.useScheduler(new TimeScaledScheduler(TIME_SCALE));
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setWaveSpeedBaseUrl(simulator.waveSpeedBaseUrl().toString());
        config.setAtlasCloudBaseUrl(simulator.atlasCloudBaseUrl().toString());
        // Engine-clock minutes: at 1,000 times real time, 600 minutes are 36 real seconds, room
        // enough for a slow test machine (the default 30 would be under 2 seconds).
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
