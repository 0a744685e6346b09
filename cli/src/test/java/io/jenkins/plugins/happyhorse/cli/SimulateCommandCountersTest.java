package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code simulate} for tests in another process: any ports (printed), a key of the caller's
 * choosing and its counters at the printed URL.
 */
class SimulateCommandCountersTest {

    @Test
    void printsTheCountersUrlAndAcceptsTheGivenKey() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CtrlC ctrlC = CtrlC.manual();
        CliContext context = CliContext.builder(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        Map.of())
                .ctrlC(ctrlC)
                .build();
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> HappyHorseCli.run(
                new String[] {"simulate", "--time-scale", "120", "--key", "own-test-key-3f9"}, context));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!out.toString(StandardCharsets.UTF_8).contains("Ctrl-C") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("time scale 120").contains("Accepted API key:      own-test-key-3f9");
            URI waveSpeed = URI.create(find(printed, "WaveSpeed base URL: +(\\S+)"));
            URI counters = URI.create(find(printed, "Counters \\(JSON\\): +(\\S+)"));

            assertThat(counters).isEqualTo(waveSpeed.resolve("/_simulator/stats"));
            assertThat(status(waveSpeed.resolve("/api/v3/predictions/none/result"), "hh-sim-test-key"))
                    .as("the default key is no longer accepted")
                    .isEqualTo(401);
            assertThat(status(waveSpeed.resolve("/api/v3/predictions/none/result"), "own-test-key-3f9"))
                    .as("the given key is accepted: the unknown prediction is what is refused")
                    .isEqualTo(404);
            String json = get(counters);
            assertThat(json).contains("\"submissions\"").contains("\"WS_RESULT\" : 2");
        } finally {
            ctrlC.press();
        }
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.CANCELLED);
    }

    @Test
    void refusesABlankKey() {
        CliHarness.Result result = new CliHarness(java.nio.file.Path.of("")).run("simulate", "--key", " ");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--key");
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    private static int status(URI url, String key) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        c.setRequestProperty("Authorization", "Bearer " + key);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    private static String get(URI url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        try (InputStream in = c.getInputStream()) {
            assertThat(c.getResponseCode()).isEqualTo(200);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }
}
