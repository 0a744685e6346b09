package io.jenkins.plugins.happyhorse.reliability.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.HappyHorseCli;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix through the command line: {@code happyhorse render} run in-process with
 * its output captured, the key in the host's variable ({@code WAVESPEED_API_KEY},
 * {@code ATLASCLOUD_API_KEY}, {@code DASHSCOPE_API_KEY}) or not, against a fresh simulator
 * named with {@code --base-url}. Each input must be refused with the documented exit code and a
 * message on stderr that names the option, shows the value and says what is allowed; the
 * simulator counts no billable request, and nothing the command prints holds the key.
 */
class CliBadInputTest {
    @TempDir
    static Path root;

    static Fixtures fixtures;

    @BeforeAll
    static void makeFixtures() throws IOException {
        fixtures = new Fixtures(root.resolve("fixtures"));
    }

    static Stream<BadInput> cases() throws IOException {
        if (fixtures == null) {
            makeFixtures();
        }
        return BadInputCatalogue.all(fixtures, Rig.KEY).stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void theCommandLineRefusesBeforeAnyBillableCall(BadInput c) throws IOException {
        if (c.cliExit < 0) {
            BadInputMatrixTest.row(c, 1, "n/a (no such option)", "");
            return;
        }
        try (Rig rig = Rig.start(root.resolve("cli-" + Math.abs(c.name.hashCode())))) {
            if (c.emptyBalance) {
                rig.sim().setBalance(host(c.input), BigDecimal.ZERO);
            }
            Run run = run(rig, c.input);
            long requests =
                    rig.sim().stats().requests(Route.ANY) + rig.sim().stats().unmatchedRequests();
            long submissions = rig.sim().stats().submissions();
            String outcome = "exit " + run.exit + (submissions > 0 ? " after " + submissions + " paid submission" : "");
            String message = run.err.strip();
            if (c.notTestable != null) {
                BadInputMatrixTest.row(c, 1, "not testable here: " + outcome, c.notTestable);
                Assumptions.abort("not testable here: " + c.notTestable);
            }
            BadInputMatrixTest.row(c, 1, outcome, message);

            assertThat(run.exit).as("exit code; stderr: %s", run.err).isEqualTo(c.cliExit);
            assertThat(message).as("refusal on stderr").isNotBlank();
            assertThat(c.namesField(message))
                    .as("names the option %s: %s", c.fieldWords, message)
                    .isTrue();
            assertThat(message).as("shows the value").contains(c.valueTexts);
            assertThat(message).as("never shows a URL's password").doesNotContain(":secret@");
            assertThat(message)
                    .as("says what is allowed")
                    .contains(c.cliAllowedText == null ? c.allowedText : c.cliAllowedText);
            assertThat(submissions).as("submissions").isZero();
            assertThat(rig.sim().stats().totalCharges()).as("charges").isZero();
            if (!c.reachesHost) {
                assertThat(requests).as("requests to either host").isZero();
            }
            assertThat(run.out + run.err).as("the key in the command's output").doesNotContain(Rig.KEY);
            assertThat(rig.sim().stats().mediaAuthorizations()).isEmpty();
            assertThat(rig.outputFolderContents()).as("output folder").isEmpty();
        }
    }

    /** The simulated host the input's {@code provider} names (WaveSpeed when none). */
    private static Host host(Input input) {
        if ("atlascloud".equals(input.provider())) {
            return Host.ATLASCLOUD;
        }
        return "modelstudio".equals(input.provider()) ? Host.MODELSTUDIO : Host.WAVESPEED;
    }

    /** Whichever of the two matrix classes runs last writes the table with both columns filled. */
    @AfterAll
    static void writeMatrix() throws IOException {
        BadInputMatrixTest.writeMatrix(cases().toList());
    }

    private static Run run(Rig rig, Input input) {
        List<String> args = new ArrayList<>(List.of("render"));
        input.images().forEach(image -> args.addAll(List.of("--image", image)));
        add(args, "--prompt", input.prompt());
        add(args, "--resolution", input.resolution());
        add(args, "--aspect-ratio", input.aspectRatio());
        add(args, "--duration", input.duration());
        add(args, "--seed", input.seed());
        add(args, "--provider", input.provider());
        add(args, "--model", input.model());
        if (Boolean.TRUE.equals(input.watermark())) {
            args.add("--watermark");
        }
        add(args, "--max-cost", input.maxCost());
        add(args, "--out", input.output() == null ? rig.output().toString() : input.output());
        Host host = host(input);
        args.addAll(List.of(
                "--base-url",
                (switch (host) {
                            case ATLASCLOUD -> rig.sim().atlasCloudBaseUrl();
                            case MODELSTUDIO -> rig.sim().modelStudioBaseUrl();
                            default -> rig.sim().waveSpeedBaseUrl();
                        })
                        .toString(),
                // A safety bound: on the rig's stepped clock the deadline is reached only if the
                // render's own timers pass it, never because the machine is slow.
                "--timeout",
                "24h"));
        Map<String, String> env = new HashMap<>();
        // The command's own folders inside the rig's, never the user's.
        env.put("HAPPYHORSE_STATE_DIR", rig.outputDir().resolveSibling("state").toString());
        env.put(
                "HAPPYHORSE_CONFIG",
                rig.outputDir().resolveSibling("config.properties").toString());
        if (input.key() != null) {
            env.put(
                    switch (host) {
                        case ATLASCLOUD -> "ATLASCLOUD_API_KEY";
                        case MODELSTUDIO -> "DASHSCOPE_API_KEY";
                        default -> "WAVESPEED_API_KEY";
                    },
                    input.key());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = CliContext.builder(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env)
                .workingDirectory(rig.outputDir().getParent())
                .scheduler(rig.scheduler())
                .build();
        int exit = HappyHorseCli.run(args.toArray(String[]::new), context);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }

    private record Run(int exit, String out, String err) {}
}
