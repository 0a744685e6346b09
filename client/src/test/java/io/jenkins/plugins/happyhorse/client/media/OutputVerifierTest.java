package io.jenkins.plugins.happyhorse.client.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ImageFormat;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputVerifierTest {
    @TempDir
    Path dir;

    private final OutputVerifier strict = new OutputVerifier(VerificationPolicy.strict());

    private Path clip(double seconds, int w, int h) throws IOException {
        return TestFiles.write(dir, "c.mp4", TestFiles.mp4(seconds, w, h, 1000));
    }

    @Test
    void readsDurationAndPictureSizeFromTheBoxes() throws IOException {
        Mp4Info info = Mp4Inspector.inspect(clip(5.04, 1280, 720));
        assertThat(info.majorBrand()).isEqualTo("isom");
        assertThat(info.durationSeconds()).isEqualTo(5.04);
        assertThat(info.width()).isEqualTo(1280);
        assertThat(info.height()).isEqualTo(720);
    }

    @Test
    void acceptsAClipThatMatchesTheRequest() throws IOException {
        Path c = clip(5.3, 1280, 720);
        Mp4Info info = strict.verify(c, Files.size(c), 5, Resolution.P720, AspectRatio.R16_9);
        assertThat(info.size()).isEqualTo(Files.size(c));
        assertThat(strict.verify(clip(10, 1080, 1920), -1, 10, Resolution.P1080, AspectRatio.R9_16)
                        .height())
                .isEqualTo(1920);
    }

    @Test
    void refusesALengthOtherThanAnnounced() throws IOException {
        Path c = clip(5, 1280, 720);
        assertThatThrownBy(() -> strict.verify(c, Files.size(c) + 10, 5, Resolution.P720, AspectRatio.R16_9))
                .isInstanceOf(OutputVerificationException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        byte[] full = TestFiles.mp4(5, 1280, 720, 1000);
        Path c = TestFiles.write(dir, "t.mp4", Arrays.copyOf(full, full.length - 100));
        assertThatThrownBy(() -> strict.verify(c, -1, 5, Resolution.P720, AspectRatio.R16_9))
                .isInstanceOf(OutputVerificationException.class)
                .hasMessageContaining("mdat")
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void refusesSomethingThatIsNotAnMp4() throws IOException {
        Path html = TestFiles.write(dir, "e.mp4", "<html>expired</html>              ".getBytes());
        assertThatThrownBy(() -> strict.verify(html, -1, 5, Resolution.P720, AspectRatio.R16_9))
                .isInstanceOf(OutputVerificationException.class)
                .hasMessageContaining("not a complete MP4");
        Path noMoov = TestFiles.write(
                dir,
                "n.mp4",
                TestFiles.concat(TestFiles.box("ftyp", "isom....".getBytes()), TestFiles.box("mdat", new byte[50])));
        assertThatThrownBy(() -> strict.verify(noMoov, -1, 5, Resolution.P720, AspectRatio.R16_9))
                .hasMessageContaining("no moov box");
    }

    @Test
    void allowsHalfASecondOrFivePercentOfDuration() throws IOException {
        assertThat(strict.verify(clip(3.5, 1280, 720), -1, 3, Resolution.P720, AspectRatio.R16_9))
                .isNotNull();
        assertThatThrownBy(() -> strict.verify(clip(3.6, 1280, 720), -1, 3, Resolution.P720, AspectRatio.R16_9))
                .hasMessageContaining("lasts 3.60 s but 3 s was requested");
        assertThat(strict.verify(clip(15.7, 1280, 720), -1, 15, Resolution.P720, AspectRatio.R16_9))
                .isNotNull();
        assertThatThrownBy(() -> strict.verify(clip(15.8, 1280, 720), -1, 15, Resolution.P720, AspectRatio.R16_9))
                .isInstanceOf(OutputVerificationException.class);
    }

    @Test
    void checksAspectRatioAndShortSide() throws IOException {
        assertThatThrownBy(() -> strict.verify(clip(5, 960, 720), -1, 5, Resolution.P720, AspectRatio.R16_9))
                .hasMessageContaining("16:9");
        assertThatThrownBy(() -> strict.verify(clip(5, 1280, 720), -1, 5, Resolution.P1080, AspectRatio.R16_9))
                .hasMessageContaining("1080p");
        OutputVerifier relaxed = new OutputVerifier(VerificationPolicy.aspectRatioOnly());
        assertThat(relaxed.verify(clip(5, 320, 180), -1, 5, Resolution.P1080, AspectRatio.R16_9)
                        .width())
                .isEqualTo(320);
        assertThatThrownBy(() -> relaxed.verify(clip(5, 320, 320), -1, 5, Resolution.P1080, AspectRatio.R16_9))
                .isInstanceOf(OutputVerificationException.class);
    }

    @Test
    void sniffsImageFormatsByMagicBytes() {
        assertThat(ImageFormat.sniff(TestFiles.png(20), 20)).contains(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(TestFiles.jpeg(20), 20)).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff(TestFiles.webp(20), 20)).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff("GIF89a......".getBytes(), 12)).isEmpty();
        assertThat(ImageFormat.sniff(TestFiles.png(20), 4)).isEmpty();
    }
}
