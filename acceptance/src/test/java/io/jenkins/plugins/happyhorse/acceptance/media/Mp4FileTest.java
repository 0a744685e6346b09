package io.jenkins.plugins.happyhorse.acceptance.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.happyhorse.simulator.video.Mp4ClipWriter;
import io.jenkins.plugins.happyhorse.simulator.video.PictureSize;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's MP4 reader against clips of the simulator's writer (another code base than the engine's verifier). */
class Mp4FileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheStructureDurationAndPictureSizeOfAClip() throws Exception {
        byte[] clip = clip(new PictureSize(320, 180), 3);

        Mp4File mp4 = Mp4File.read(clip);

        assertThat(mp4.boxes()).startsWith("ftyp").contains("moov", "mdat");
        assertThat(mp4.codec()).isEqualTo("avc1");
        assertThat(mp4.width()).isEqualTo(320);
        assertThat(mp4.height()).isEqualTo(180);
        assertThat(mp4.durationSeconds()).isCloseTo(3.0, within(0.001));
        assertThat(mp4.videoSeconds()).isCloseTo(3.0, within(0.001));
        assertThat(mp4.frames()).isEqualTo(3L * Mp4ClipWriter.FRAMES_PER_SECOND);
    }

    @Test
    void refusesAClipCutShort() throws Exception {
        byte[] clip = clip(new PictureSize(320, 180), 3);

        assertThatThrownBy(() -> Mp4File.read(Arrays.copyOf(clip, clip.length - 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut short");
    }

    @Test
    void refusesWhatIsNotAnMp4() {
        byte[] html = "<html><body>Authentication required</body></html>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Mp4File.read(html)).isInstanceOf(IllegalArgumentException.class);
    }

    private byte[] clip(PictureSize size, int seconds) throws Exception {
        Path file = dir.resolve("clip.mp4");
        Mp4ClipWriter.write(
                file,
                size,
                seconds,
                List.of(s -> new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB)));
        return Files.readAllBytes(file);
    }
}
