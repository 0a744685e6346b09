package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.happyhorse.client.media.Mp4Info;
import io.jenkins.plugins.happyhorse.client.media.Mp4Inspector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render --provider simulator}: a real clip, no key, no network beyond loopback. */
class BuiltInSimulatorRenderTest {
    @TempDir
    Path dir;

    @Test
    void rendersAVerifiedClipOfTheRequestedDurationAndAspectRatio() throws Exception {
        CliHarness cli = new CliHarness(dir).withExampleImages();

        CliHarness.Result result = cli.run(
                "render",
                "--provider",
                "simulator",
                "--image",
                "product.png",
                "--image",
                "style.jpg",
                "--prompt",
                "The product turns slowly on a marble table",
                "--duration",
                "3",
                "--aspect-ratio",
                "9:16",
                "--out",
                "clips/portrait.mp4");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path clip = dir.resolve("clips/portrait.mp4");
        Mp4Info info = Mp4Inspector.inspect(clip);
        assertThat(info.durationSeconds()).isCloseTo(3.0, within(0.2));
        assertThat((double) info.width() / info.height()).isCloseTo(9.0 / 16.0, within(0.02));
        assertThat(Math.min(info.width(), info.height())).isEqualTo(720);
        assertThat(result.out().strip())
                .startsWith("Saved clips/portrait.mp4: ")
                .contains("3.00 s", info.width() + "x" + info.height(), "0.42 USD (not billed)", "prediction ")
                .contains("seed chosen by WaveSpeed")
                .contains(Files.size(clip) > 1024 * 1024 ? " MB" : " KB");
        // No terminal: one plain line per phase, each with the elapsed time.
        assertThat(result.err())
                .contains("uploading image 1 of 2", "uploading image 2 of 2", "submitting", "downloading", "verifying")
                .contains("done: portrait.mp4")
                .containsPattern("submitted +submitted; prediction id [0-9a-f]+")
                .containsPattern("processing +prediction [0-9a-f]+ is processing")
                // While the host has the job, a line every 30 s of host time, against the expected time.
                .containsPattern(
                        "\\[ +30\\.0s\\] submitted +30\\.0s of ~1m36s expected · WaveSpeed prediction [0-9a-f]+")
                .doesNotContain("\r");
    }

    @Test
    void playsAtlasCloudWhenAsked() throws Exception {
        CliHarness cli = new CliHarness(dir).withExampleImages();

        CliHarness.Result result = cli.run(
                "render",
                "--provider",
                "simulator",
                "--simulator-host",
                "atlascloud",
                "--image",
                "product.png",
                "--prompt",
                "A slow turn",
                "--duration",
                "3",
                "--aspect-ratio",
                "1:1",
                "--out",
                "square.mp4");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Mp4Info info = Mp4Inspector.inspect(dir.resolve("square.mp4"));
        assertThat(info.width()).isEqualTo(info.height());
        assertThat(result.out()).contains("on Atlas Cloud (simulated)", "0.42 USD");
    }
}
