package io.jenkins.plugins.happyhorse.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesAPictureThatDecodesAtItsSize() throws IOException {
        Path file = dir.resolve("a.png");
        PngWriter.write(file, 37, 21, 7);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(37);
        assertThat(image.getHeight()).isEqualTo(21);
    }

    @Test
    void knowsTheFileSizeBeforeWriting() throws IOException {
        // 250 rows of 901 bytes: several stored blocks, the last one partly filled.
        long written = PngWriter.write(dir.resolve("b.png"), 300, 250, 1);

        assertThat(written).isEqualTo(PngWriter.estimatedSize(300, 250));
    }

    @Test
    void aPictureOfExactlyOneFullBlockStillDecodes() throws IOException {
        // 3 × 21845 + 1 = 65536 bytes per row: one byte over a stored block, so the row spans two.
        Path file = dir.resolve("c.png");
        long written = PngWriter.write(file, 21845, 3, 2);

        assertThat(written).isEqualTo(PngWriter.estimatedSize(21845, 3));
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getHeight()).isEqualTo(3);
    }

    @Test
    void picksTheLargestSquareUnderASize() {
        int side = PngWriter.sideForSize(20_000_000);

        assertThat(PngWriter.estimatedSize(side, side)).isLessThanOrEqualTo(20_000_000);
        assertThat(PngWriter.estimatedSize(side + 1, side + 1)).isGreaterThan(20_000_000);
    }

    @Test
    void spreadsStartsOverTheWindowInOrder() {
        double[] offsets = Workload.startOffsets(100, 30, 3);

        assertThat(offsets).isSorted();
        assertThat(offsets[0]).isGreaterThanOrEqualTo(0);
        assertThat(offsets[99]).isLessThan(30);
        assertThat(Workload.startOffsets(5, 0, 3)).containsOnly(0.0);
    }

    @Test
    void drawsTheSameMixedWorkloadForTheSameSeed() {
        var a = Workload.mixed(
                50, 9, java.util.List.of(io.jenkins.plugins.happyhorse.client.spec.ProviderId.WAVESPEED));
        var b = Workload.mixed(
                50, 9, java.util.List.of(io.jenkins.plugins.happyhorse.client.spec.ProviderId.WAVESPEED));

        assertThat(a).isEqualTo(b);
        assertThat(a).allSatisfy(spec -> assertThat(spec.durationSeconds()).isBetween(3, 15));
        assertThat(a).anySatisfy(spec -> assertThat(spec.is1080p()).isTrue());
    }
}
