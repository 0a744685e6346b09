package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.simulator.video.FrameSource;
import io.jenkins.plugins.happyhorse.simulator.video.Mp4ClipWriter;
import io.jenkins.plugins.happyhorse.simulator.video.PictureSize;
import io.jenkins.plugins.happyhorse.simulator.video.ReferencePictures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Mp4ClipTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "720p, 16:9, 1280, 720",
        "720p, 9:16, 720, 1280",
        "720p, 1:1, 720, 720",
        "720p, 4:3, 960, 720",
        "720p, 3:4, 720, 960",
        "1080p, 16:9, 1920, 1080",
        "1080p, 9:16, 1080, 1920",
        "1080p, 1:1, 1080, 1080",
        "1080p, 4:3, 1440, 1080",
        "1080p, 3:4, 1080, 1440"
    })
    void nominalPictureHasTheShortSideOfItsResolution(String resolution, String aspect, int width, int height) {
        assertThat(PictureSize.nominal(resolution, aspect)).isEqualTo(new PictureSize(width, height));
    }

    @Test
    void pictureScaleShrinksBothSidesAndKeepsThemEven() {
        assertThat(PictureSize.nominal("720p", "16:9").scaledDown(8)).isEqualTo(new PictureSize(160, 90));
        assertThat(PictureSize.nominal("1080p", "4:3").scaledDown(7)).isEqualTo(new PictureSize(206, 154));
        assertThat(PictureSize.withShortSide(480, "16:9")).isEqualTo(new PictureSize(854, 480));
    }

    @Test
    void clipHasTheBoxesDurationAndSizeOfTheRequest() throws IOException {
        Path file = dir.resolve("clip.mp4");
        PictureSize size = new PictureSize(1280, 720);
        long length = Mp4ClipWriter.write(file, size, 5, List.of(solid(Color.RED), solid(Color.BLUE)));

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize((int) length);
        Mp4Probe probe = new Mp4Probe(bytes);
        assertThat(probe.topLevel).containsExactly("ftyp", "moov", "mdat");
        assertThat(probe.majorBrand).isEqualTo("isom");
        assertThat(probe.compatibleBrands).contains("isom", "avc1");
        assertThat((double) probe.movieDuration / probe.movieTimescale).isEqualTo(5.0);
        assertThat((double) probe.mediaDuration / probe.mediaTimescale).isEqualTo(5.0);
        assertThat(probe.handler).isEqualTo("vide");
        assertThat(probe.trackWidth).isEqualTo(1280);
        assertThat(probe.trackHeight).isEqualTo(720);
        assertThat(probe.entryWidth).isEqualTo(1280);
        assertThat(probe.entryHeight).isEqualTo(720);
        assertThat(probe.sttsCount).isEqualTo(50);
        assertThat(probe.sttsCount * probe.sttsDelta).isEqualTo(probe.mediaDuration);
        assertThat(probe.sampleSizes).hasSize(50);
        assertThat(probe.syncSamples).containsExactly(1L, 26L);
        assertThat(probe.samplesPerChunk).isEqualTo(50);
        assertThat(probe.chunkOffset).isEqualTo(probe.mdatOffset + 8);
        long sampleBytes = probe.sampleSizes.stream().mapToLong(Long::longValue).sum();
        assertThat(probe.mdatSize).isEqualTo(8 + sampleBytes);
        assertThat(probe.mdatOffset + probe.mdatSize).isEqualTo(length);
    }

    @Test
    void avcConfigurationAndSpsDescribeConstrainedBaselineAtThePictureSize() throws IOException {
        Mp4Probe probe = write(new PictureSize(1920, 1080), 3, List.of(solid(Color.GREEN)));

        assertThat(probe.avcProfile).isEqualTo(66);
        assertThat(probe.avcCompatibility & 0xC0).isEqualTo(0xC0);
        assertThat(probe.nalLengthSize).isEqualTo(4);
        assertThat(probe.pps[0] & 31).isEqualTo(8);
        Mp4Probe.Sps sps = probe.parseSps();
        assertThat(sps.nalType).isEqualTo(7);
        assertThat(sps.profile).isEqualTo(66);
        assertThat(sps.level).isEqualTo(probe.avcLevel).isEqualTo(40);
        assertThat(sps.frameMbsOnly).isTrue();
        assertThat(sps.widthMbs).isEqualTo(120);
        assertThat(sps.heightMbs).isEqualTo(68);
        assertThat(sps.cropBottom).isEqualTo(4);
        assertThat(sps.width()).isEqualTo(1920);
        assertThat(sps.height()).isEqualTo(1080);
    }

    @Test
    void sizesThatAreNotMultiplesOfSixteenAreCroppedOnBothAxes() throws IOException {
        Mp4Probe probe = write(new PictureSize(854, 486), 3, List.of(solid(Color.GRAY)));

        Mp4Probe.Sps sps = probe.parseSps();
        assertThat(sps.cropRight).isEqualTo(5);
        assertThat(sps.cropBottom).isEqualTo(5);
        assertThat(sps.width()).isEqualTo(854);
        assertThat(sps.height()).isEqualTo(486);
    }

    @Test
    void idrPicturesAreMadeOfPcmMacroblocksCarryingTheImageSamples() throws IOException {
        Mp4Probe probe = write(new PictureSize(64, 48), 3, List.of(solid(new Color(200, 40, 60))));
        Mp4Probe.Sps sps = probe.parseSps();
        byte[] nal = probe.sampleNal(0);
        assertThat(nal[0] & 31).as("nal_unit_type").isEqualTo(5);
        assertThat(nal[0] >> 5 & 3).as("nal_ref_idc").isNotZero();

        Mp4Probe.Bits bits = new Mp4Probe.Bits(Mp4Probe.unescape(nal, 1));
        assertThat(bits.ue()).as("first_mb_in_slice").isZero();
        assertThat(bits.ue()).as("slice_type").isEqualTo(7);
        assertThat(bits.ue()).as("pps id").isZero();
        assertThat(bits.u(sps.log2MaxFrameNum)).as("frame_num").isZero();
        bits.ue(); // idr_pic_id
        bits.u(1);
        bits.u(1);
        bits.se(); // slice_qp_delta
        assertThat(bits.ue()).as("disable_deblocking_filter_idc").isEqualTo(1);
        int macroblocks = sps.widthMbs * sps.heightMbs;
        for (int mb = 0; mb < macroblocks; mb++) {
            assertThat(bits.ue()).as("mb_type of macroblock " + mb).isEqualTo(25);
            while (!bits.aligned()) {
                assertThat(bits.u(1)).as("pcm_alignment_zero_bit").isZero();
            }
            int[] samples = new int[384];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = bits.u(8);
            }
            // BT.601 limited range of RGB (200, 40, 60): Y 93.4, Cb 113.1, Cr 196.8.
            assertThat(samples[0]).isBetween(91, 95);
            assertThat(samples[255]).isBetween(91, 95);
            assertThat(samples[256]).isBetween(111, 115);
            assertThat(samples[320]).isBetween(195, 199);
        }
        assertThat(bits.u(8)).as("rbsp trailing bits").isEqualTo(0x80);
        assertThat(bits.bitPosition() / 8).isEqualTo(bits.length());
    }

    @Test
    void picturesBetweenIdrPicturesAreFullySkippedPSlices() throws IOException {
        Mp4Probe probe = write(new PictureSize(160, 90), 4, List.of(solid(Color.WHITE)));
        Mp4Probe.Sps sps = probe.parseSps();
        for (int i = 1; i < 40; i++) {
            byte[] nal = probe.sampleNal(i);
            assertThat(nal[0] & 31).isEqualTo(1);
            Mp4Probe.Bits bits = new Mp4Probe.Bits(Mp4Probe.unescape(nal, 1));
            assertThat(bits.ue()).isZero();
            assertThat(bits.ue()).as("slice_type P").isEqualTo(5);
            assertThat(bits.ue()).isZero();
            assertThat(bits.u(sps.log2MaxFrameNum)).as("frame_num").isEqualTo(i);
            assertThat(bits.u(1)).as("num_ref_idx_active_override_flag").isZero();
            assertThat(bits.u(1)).as("ref_pic_list_modification_flag_l0").isZero();
            assertThat(bits.u(1)).as("adaptive_ref_pic_marking_mode_flag").isZero();
            assertThat(bits.se()).isZero();
            assertThat(bits.ue()).isEqualTo(1);
            assertThat(bits.ue()).as("mb_skip_run").isEqualTo(sps.widthMbs * sps.heightMbs);
        }
    }

    @Test
    void noNalUnitContainsAStartCodePattern() throws IOException {
        // Black pixels give luma 16 and chroma 128; the header bits carry the zero bytes.
        Mp4Probe probe = write(new PictureSize(32, 32), 3, List.of(solid(Color.BLACK), solid(Color.WHITE)));
        for (int i = 0; i < probe.sampleSizes.size(); i++) {
            byte[] nal = probe.sampleNal(i);
            for (int j = 2; j < nal.length; j++) {
                boolean startCode = nal[j - 2] == 0 && nal[j - 1] == 0 && (nal[j] & 0xFF) <= 2;
                assertThat(startCode).as("sample %d byte %d", i, j).isFalse();
            }
        }
    }

    @Test
    void referenceImagesAreLetterboxedAndUnreadableOnesBecomeAStablePattern() throws IOException {
        Path png = dir.resolve("wide.png");
        BufferedImage wide = new BufferedImage(400, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.YELLOW);
        g.fillRect(0, 0, 400, 100);
        g.dispose();
        ImageIO.write(wide, "png", png.toFile());
        Path webp = dir.resolve("photo.webp");
        Files.write(webp, "RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        BufferedImage letterboxed = ReferencePictures.image(png, "u").paint(new PictureSize(200, 200));
        assertThat(new Color(letterboxed.getRGB(100, 100))).isEqualTo(Color.YELLOW);
        assertThat(new Color(letterboxed.getRGB(100, 5))).isEqualTo(Color.BLACK);

        BufferedImage fallback =
                ReferencePictures.image(webp, "https://example.invalid/a.webp").paint(new PictureSize(64, 64));
        BufferedImage again =
                ReferencePictures.pattern("https://example.invalid/a.webp").paint(new PictureSize(64, 64));
        BufferedImage other =
                ReferencePictures.pattern("https://example.invalid/b.webp").paint(new PictureSize(64, 64));
        assertThat(pixels(fallback)).isEqualTo(pixels(again)).isNotEqualTo(pixels(other));
    }

    @Test
    void refusesMorePicturesThanFrames() {
        assertThatThrownBy(() -> Mp4ClipWriter.write(
                        dir.resolve("x.mp4"),
                        new PictureSize(16, 16),
                        1,
                        java.util.Collections.nCopies(11, solid(Color.RED))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Mp4Probe write(PictureSize size, int seconds, List<FrameSource> sources) throws IOException {
        Path file = Files.createTempFile(dir, "clip", ".mp4");
        Mp4ClipWriter.write(file, size, seconds, sources);
        return new Mp4Probe(Files.readAllBytes(file));
    }

    static FrameSource solid(Color colour) {
        return size -> {
            BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(colour);
            g.fillRect(0, 0, size.width(), size.height());
            g.dispose();
            return image;
        };
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
