package io.jenkins.plugins.happyhorse.acceptance.harness;

import io.jenkins.plugins.happyhorse.acceptance.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone simulator, {@code happyhorse simulate}, in a process of its own: started from the
 * command line's runnable jar on port 0 with a time scale and a key of the suite's, its URLs read
 * from what it prints, its counters read from {@code GET /_simulator/stats}.
 */
public final class SimulatorProcess implements AutoCloseable {
    private static final Pattern WAVESPEED = Pattern.compile("WaveSpeed base URL: +(\\S+)");
    private static final Pattern ATLAS = Pattern.compile("Atlas Cloud base URL: +(\\S+)");
    private static final Pattern MODEL_STUDIO = Pattern.compile("Model Studio base URL: +(\\S+)");
    private static final Pattern MEDIA = Pattern.compile("Media origin: +(\\S+)");
    private static final Pattern STATS = Pattern.compile("Counters \\(JSON\\): +(\\S+)");

    private final Process process;
    private final Path log;
    private final String key;
    private final double timeScale;
    private final URI waveSpeed;
    private final URI atlasCloud;
    private final URI modelStudio;
    private final URI media;
    private final URI stats;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private SimulatorProcess(Process process, Path log, String key, double timeScale, String printed) {
        this.process = process;
        this.log = log;
        this.key = key;
        this.timeScale = timeScale;
        this.waveSpeed = URI.create(find(WAVESPEED, printed));
        this.atlasCloud = URI.create(find(ATLAS, printed));
        this.modelStudio = URI.create(find(MODEL_STUDIO, printed));
        this.media = URI.create(find(MEDIA, printed));
        this.stats = URI.create(find(STATS, printed));
    }

    /**
     * Starts {@code happyhorse simulate --port 0 --time-scale X --key K} and waits (bounded) until
     * it prints where it listens.
     *
     * @param dir where its output goes ({@code simulator.log})
     */
    public static SimulatorProcess start(AcceptanceEnvironment env, Path dir, double timeScale, String key)
            throws IOException {
        return start(env, dir, timeScale, key, List.of());
    }

    /**
     * As {@link #start(AcceptanceEnvironment, Path, double, String)}, with more options of {@code
     * happyhorse simulate} (such as {@code --account-level wavespeed=lowest} or {@code --webhooks-over-http}).
     */
    public static SimulatorProcess start(
            AcceptanceEnvironment env, Path dir, double timeScale, String key, List<String> options)
            throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("simulator.log");
        List<String> command = new ArrayList<>(List.of(
                JavaProcesses.java(),
                "-Xmx256m",
                "-jar",
                env.cliJar().toString(),
                "simulate",
                "--port",
                "0",
                "--time-scale",
                String.format(Locale.ROOT, "%s", timeScale),
                "--seed",
                "11",
                "--key",
                key));
        command.addAll(options);
        Process process = JavaProcesses.start(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE));
        try {
            String printed =
                    Waits.until("the simulator to print its URLs (" + log + ")", Duration.ofSeconds(120), () -> {
                        String text = JavaProcesses.read(log);
                        if (text.contains("Ctrl-C")) {
                            return Waits.Poll.done(text);
                        }
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "the simulator exited with " + process.exitValue() + ": " + text);
                        }
                        return Waits.Poll.notYet(text.isEmpty() ? "no output yet" : text);
                    });
            return new SimulatorProcess(process, log, key, timeScale, printed);
        } catch (RuntimeException | Error e) {
            JavaProcesses.stop(process, Duration.ofSeconds(10));
            throw e;
        }
    }

    /** WaveSpeed's base URL, {@code http://127.0.0.1:P}. */
    public URI waveSpeedBaseUrl() {
        return waveSpeed;
    }

    /** Atlas Cloud's base URL, {@code http://127.0.0.1:P/api/v1}. */
    public URI atlasCloudBaseUrl() {
        return atlasCloud;
    }

    /** Model Studio's base URL, {@code http://127.0.0.1:P/api/v1}. */
    public URI modelStudioBaseUrl() {
        return modelStudio;
    }

    /** The media origin (uploads and clips). */
    public URI mediaBaseUrl() {
        return media;
    }

    /** The key it accepts (a test value of this run). */
    public String key() {
        return key;
    }

    /** Simulated seconds per real second. */
    public double timeScale() {
        return timeScale;
    }

    /** Its output. */
    public Path log() {
        return log;
    }

    /** Its counters now. */
    public SimulatorCounters counters() {
        try {
            HttpResponse<String> reply = http.send(
                    HttpRequest.newBuilder(stats)
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET " + stats + " answered " + reply.statusCode() + ": " + reply.body());
            }
            return new SimulatorCounters(Json.parse(reply.body()));
        } catch (IOException e) {
            throw new IllegalStateException("The simulator's counters could not be read from " + stats + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading the simulator's counters", e);
        }
    }

    @Override
    public void close() {
        JavaProcesses.stop(process, Duration.ofSeconds(30));
    }

    private String find(Pattern pattern, String printed) {
        Matcher m = pattern.matcher(printed);
        if (!m.find()) {
            throw new IllegalStateException("The simulator did not print " + pattern + " (" + log + "):\n" + printed);
        }
        return m.group(1);
    }
}
