package io.jenkins.plugins.happyhorse.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.client.testing.TestFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageInspectorTest {

    private static ImageFacts inspect(byte[] bytes) throws Exception {
        return ImageInspector.inspect(new ByteArrayInputStream(bytes));
    }

    private static byte[] encoded(String format, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    @Test
    void readsThePictureSizeOfRealPngAndJpegFilesWithTheirLengthAndDigest() throws Exception {
        byte[] png = encoded("png", 640, 360);
        ImageFacts facts = inspect(png);
        assertThat(facts.format()).isEqualTo(ImageFormat.PNG);
        assertThat(facts.width()).isEqualTo(640);
        assertThat(facts.height()).isEqualTo(360);
        assertThat(facts.shortSide()).isEqualTo(360);
        assertThat(facts.bytes()).isEqualTo(png.length);
        assertThat(facts.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(png)));

        ImageFacts jpeg = inspect(encoded("jpeg", 300, 500));
        assertThat(jpeg.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(jpeg.width()).isEqualTo(300);
        assertThat(jpeg.height()).isEqualTo(500);
    }

    @Test
    void readsEachKindOfWebpHeader() throws Exception {
        assertThat(inspect(TestFiles.webp(40))).satisfies(f -> {
            assertThat(f.format()).isEqualTo(ImageFormat.WEBP);
            assertThat(f.width()).isEqualTo(16);
            assertThat(f.height()).isEqualTo(16);
        });
        // Lossy: frame tag, start code, then 14-bit width and height.
        byte[] vp8 = webp("VP8 ", new byte[] {0, 0, 0, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x07, 0x38, 0x04});
        assertThat(inspect(vp8))
                .extracting(ImageFacts::width, ImageFacts::height)
                .containsExactly(1920, 1080);
        // Extended: flags, then 24-bit width and height, less one.
        byte[] vp8x = webp("VP8X", new byte[] {0x10, 0, 0, 0, (byte) 0x8f, 0x01, 0, (byte) 0xff, 0x00, 0});
        assertThat(inspect(vp8x))
                .extracting(ImageFacts::width, ImageFacts::height)
                .containsExactly(400, 256);
    }

    @Test
    void refusesBytesThatAreNoImageAtAll() {
        assertThatThrownBy(() -> inspect("GIF89a, not one of ours".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessage("its bytes are not a png, jpeg or webp image");
        assertThatThrownBy(() -> inspect(new byte[0])).isInstanceOf(UnreadableImageException.class);
    }

    @Test
    void refusesTruncatedImages() throws Exception {
        byte[] png = encoded("png", 64, 64);
        assertThatThrownBy(() -> inspect(Arrays.copyOf(png, png.length - 5)))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessage("the png image is truncated (it ends before its IEND chunk)");
        assertThatThrownBy(() -> inspect(Arrays.copyOf(png, 20)))
                .hasMessage("the png image is truncated (it ends inside its header)");
        byte[] jpeg = encoded("jpeg", 64, 64);
        assertThatThrownBy(() -> inspect(Arrays.copyOf(jpeg, 30)))
                .hasMessage("the jpeg image is truncated (it ends inside its header)");
        byte[] webp = TestFiles.webp(400);
        assertThatThrownBy(() -> inspect(Arrays.copyOf(webp, 300)))
                .hasMessage("the webp image is truncated (its RIFF header announces 400 bytes, it has 300)");
    }

    @Test
    void refusesCorruptHeaders() throws Exception {
        byte[] png = encoded("png", 64, 64);
        png[20] ^= 1; // a bit of the height: the IHDR checksum no longer matches
        assertThatThrownBy(() -> inspect(png))
                .hasMessage("the png image is corrupt (its IHDR header fails its checksum)");
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xda, 0, 2, (byte) 0xff, (byte) 0xd9};
        assertThatThrownBy(() -> inspect(jpeg))
                .hasMessage("the jpeg image is corrupt (its image data starts before its frame header)");
        assertThatThrownBy(() -> inspect(webp("ALPH", new byte[10])))
                .hasMessage("the webp image is corrupt (it does not start with a VP8, VP8L or VP8X chunk)");
    }

    @Test
    void aHostsLimitsAreCheckedAgainstTheFactsAlone() {
        ImageFacts small = new ImageFacts(ImageFormat.WEBP, 640, 360, 11L * 1024 * 1024, "ab");
        assertThat(ImageLimits.STANDARD.problem(small)).isEmpty();
        assertThat(ImageLimits.STANDARD.allowed())
                .isEqualTo("a readable png, jpeg or webp file of at most 20 MB, or an https URL");

        ImageLimits narrow = new ImageLimits(10L * 1024 * 1024, EnumSet.of(ImageFormat.PNG, ImageFormat.JPEG), 400);
        assertThat(narrow.check("images[0]", "a.webp", small)).hasValueSatisfying(v -> {
            assertThat(v.reason()).isEqualTo("the file has 11.0 MB, over 10 MB");
            assertThat(v.allowed())
                    .isEqualTo("a readable png or jpeg file of at most 10 MB and at least 400 px on its short side,"
                            + " or an https URL");
        });
        assertThat(narrow.problem(new ImageFacts(ImageFormat.PNG, 640, 360, 1000, "ab")))
                .contains("the picture is 640x360, its short side under 400 px");
        assertThat(narrow.problem(new ImageFacts(ImageFormat.WEBP, 640, 480, 1000, "ab")))
                .contains("it is a webp image; only png or jpeg are accepted");
    }

    /** A WEBP whose first chunk is {@code fourcc} with {@code data}, followed by a little filler. */
    private static byte[] webp(String fourcc, byte[] data) {
        byte[] b = new byte[20 + data.length + 16];
        ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        w.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.length - 8);
        w.put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(fourcc.getBytes(StandardCharsets.US_ASCII));
        w.putInt(b.length - 20).put(data);
        return b;
    }
}
