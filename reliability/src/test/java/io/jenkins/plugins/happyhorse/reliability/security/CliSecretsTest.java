package io.jenkins.plugins.happyhorse.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.HappyHorseCli;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.reliability.support.Images;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.reliability.support.Secrets;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line never prints the key: not on success, not on any failure, not with
 * {@code --verbose} (every event and the stack trace), and it never writes it to a file.
 */
class CliSecretsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("a render that succeeds", 0, (Consumer<Rig>) rig -> {}),
                Arguments.of("the key refused (401)", 4, (Consumer<Rig>)
                        rig -> rig.sim().faults().next(Route.WS_UPLOAD, Fault.status(401))),
                Arguments.of("the job fails", 5, (Consumer<Rig>)
                        rig -> rig.sim().faults().nextJob(Outcome.FAIL)),
                Arguments.of("the submit reply is lost", 9, (Consumer<Rig>)
                        rig -> rig.sim().faults().next(Route.WS_SUBMIT, Fault.lostSubmitReply())),
                Arguments.of("the host keeps failing", 7, (Consumer<Rig>)
                        rig -> rig.sim().faults().next(Route.WS_RESULT, Fault.status(503), 100)),
                Arguments.of("the clip is corrupt", 8, (Consumer<Rig>)
                        rig -> rig.sim().faults().next(Route.MEDIA_GET, Fault.corruptBody())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void theKeyIsNeverPrintedNorWritten(String name, int exit, Consumer<Rig> arrange) throws IOException {
        // Full-size pictures: the command line verifies the picture size strictly.
        try (Rig rig = Rig.start(dir, new Rig.Settings().simulator(b -> b.pictureScale(1)))) {
            arrange.accept(rig);
            Path picture = Images.picture(dir.resolve("horse.png"), Color.ORANGE);
            List<String> args = new ArrayList<>(List.of(
                    "render",
                    "--provider",
                    ProviderId.WAVESPEED.id(),
                    "--base-url",
                    rig.sim().waveSpeedBaseUrl().toString(),
                    "--image",
                    picture.toString(),
                    "--prompt",
                    "A horse gallops along a beach at sunset",
                    "--duration",
                    "3",
                    "--out",
                    rig.output().toString(),
                    // A safety bound: on the rig's stepped clock the deadline is reached only if
                    // the render's own timers pass it, never because the machine is slow.
                    "--timeout",
                    "24h",
                    "--verbose"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = HappyHorseCli.run(
                    args.toArray(String[]::new),
                    CliContext.builder(
                                    new PrintStream(out, true, StandardCharsets.UTF_8),
                                    new PrintStream(err, true, StandardCharsets.UTF_8),
                                    Map.of(
                                            "WAVESPEED_API_KEY",
                                            Rig.KEY,
                                            // The render history goes where the search for the key looks.
                                            "HAPPYHORSE_STATE_DIR",
                                            dir.resolve("state").toString(),
                                            "HAPPYHORSE_CONFIG",
                                            dir.resolve("config.properties").toString()))
                            .workingDirectory(dir)
                            .scheduler(rig.scheduler())
                            .build());
            String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(code).as(printed).isEqualTo(exit);
            assertThat(printed).as("what the command printed").doesNotContain(Rig.KEY);
            Secrets.assertNoAuthorizationReachedMedia(rig.sim());
            byte[] key = Rig.KEY.getBytes(StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.filter(Files::isRegularFile))
                        .as("files holding the key")
                        .noneMatch(f -> Secrets.contains(read(f), key));
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
