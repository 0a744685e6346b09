package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.client.time.TimeScaledScheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate} prints the README's render command, pointed at itself, and that command works. */
class SimulatorBannerTest {
    @TempDir
    Path dir;

    @Test
    void theBannerPrintsTheReadmesCommandWithTheBaseUrlAndKeyVariableAndItRenders() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CtrlC ctrlC = CtrlC.manual();
        CliContext context = CliContext.builder(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        Map.of("HAPPYHORSE_PROG", "./happyhorse"))
                .ctrlC(ctrlC)
                .build();
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> HappyHorseCli.run(new String[] {"simulate", "--time-scale", "1000"}, context));
        try {
            Await.until("the banner", () -> out.toString(StandardCharsets.UTF_8).contains("Ctrl-C"));
            String banner = out.toString(StandardCharsets.UTF_8);
            Matcher ws = Pattern.compile("WaveSpeed base URL: +(\\S+)").matcher(banner);
            assertThat(ws.find()).isTrue();
            List<String> readme = ConsistencyTest.readmeRender();
            List<String> expected = new ArrayList<>(List.of("WAVESPEED_API_KEY=hh-sim-test-key", "./happyhorse"));
            expected.add("render");
            expected.addAll(List.of("--base-url", ws.group(1)));
            expected.addAll(readme.subList(3, readme.size())); // without "render --provider simulator"
            Matcher line = Pattern.compile("(?m)^  (WAVESPEED_API_KEY=.*)$").matcher(banner);
            assertThat(line.find()).as(banner).isTrue();
            assertThat(Shell.words(line.group(1))).isEqualTo(expected);
            assertThat(banner)
                    .containsPattern("(?m)^  ATLASCLOUD_API_KEY=hh-sim-test-key ./happyhorse render"
                            + " --provider atlascloud --base-url http://127\\.0\\.0\\.1:\\d+/api/v1 --image");

            // The command, run in the repository's root as the README does (the key from its prefix).
            List<String> words = Shell.words(line.group(1));
            CliHarness cli = new CliHarness(dir)
                    .env("WAVESPEED_API_KEY", "hh-sim-test-key")
                    .scheduler(new TimeScaledScheduler(1000, Instant.now()));
            List<String> args = new ArrayList<>(words.subList(2, words.size()));
            args.replaceAll(a -> a.startsWith("docs/examples/")
                    ? CliHarness.EXAMPLES
                            .resolve(a.substring("docs/examples/".length()))
                            .toString()
                    : a);
            CliHarness.Result rendered = cli.run(args.toArray(String[]::new));
            assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
            assertThat(dir.resolve("clip.mp4")).isRegularFile();
        } finally {
            ctrlC.press();
        }
        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(130);
    }
}
