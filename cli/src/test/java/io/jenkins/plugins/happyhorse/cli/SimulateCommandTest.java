package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/** {@code simulate}: serves both hosts until Ctrl-C and says where. */
class SimulateCommandTest {

    @Test
    void servesUntilCtrlCAndPrintsTheUrlsAndKey() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CtrlC ctrlC = CtrlC.manual();
        CliContext context = CliContext.builder(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        Map.of())
                .ctrlC(ctrlC)
                .build();
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> HappyHorseCli.run(new String[] {"simulate", "--port", "0", "--time-scale", "60"}, context));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.toString(StandardCharsets.UTF_8).contains("Ctrl-C") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("Atlas Cloud base URL:  http://127.0.0.1:")
                .containsPattern("Model Studio base URL: http://127\\.0\\.0\\.1:\\d+/api/v1\\R")
                .contains("Media origin:          http://127.0.0.1:")
                .contains("Accepted API key:      " + Simulator.DEFAULT_API_KEY);
        Matcher m = Pattern.compile("WaveSpeed base URL: +(\\S+)").matcher(printed);
        assertThat(m.find()).isTrue();
        URI waveSpeed = URI.create(m.group(1));

        assertThat(status(waveSpeed.resolve("/api/v3/predictions/none/result"), "wrong-key"))
                .isEqualTo(401);

        ctrlC.press();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.CANCELLED);
        assertThatThrownBy(() -> status(waveSpeed.resolve("/api/v3/predictions/none/result"), "x"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesAnImpossiblePort() {
        CliHarness.Result result = new CliHarness(java.nio.file.Path.of("")).run("simulate", "--port", "70000");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--port: 70000 is not allowed");
    }

    @Test
    void refusesAnAccountLevelOfAnUnknownHostNamingWhatIsAllowed() {
        CliHarness.Result result =
                new CliHarness(java.nio.file.Path.of("")).run("simulate", "--account-level", "mars=3/5");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err())
                .contains("--account-level: mars=3/5 is not allowed")
                .contains("wavespeed=3/5");
    }

    private static int status(URI url, String key) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        c.setRequestProperty("Authorization", "Bearer " + key);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
