package io.jenkins.plugins.happyhorse.client.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import io.jenkins.plugins.happyhorse.client.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderRequestTest {
    @TempDir
    Path dir;

    private RenderRequest.Builder valid() throws IOException {
        return RenderRequest.builder()
                .image(TestFiles.write(dir, "a.png", TestFiles.png(100)))
                .prompt("a horse on a beach");
    }

    @Test
    void appliesDocumentedDefaults() throws IOException {
        RenderRequest draft = valid().build();
        assertThat(draft.validate()).isEmpty();
        ClipSpec r = draft.parse().orElseThrow();
        assertThat(r.resolution()).isEqualTo(Resolution.P720);
        assertThat(r.aspectRatio()).isEqualTo(AspectRatio.R16_9);
        assertThat(r.durationSeconds()).isEqualTo(5);
        assertThat(r.seed()).isEmpty();
        assertThat(r.provider()).isEqualTo(ProviderId.WAVESPEED);
        assertThat(r.model()).isEqualTo("alibaba/happyhorse-1.0/reference-to-video");
    }

    @Test
    void eachHostHasItsOwnDefaultModelAndRefusesAnotherHostsModel() throws IOException {
        assertThat(valid().provider("modelstudio").build().parse().orElseThrow().model())
                .isEqualTo("happyhorse-1.0-r2v");
        assertThat(valid().provider("atlascloud").build().parse().orElseThrow().model())
                .isEqualTo("alibaba/happyhorse-1.0/reference-to-video");
        assertThat(valid().provider("modelstudio")
                        .model("happyhorse-1.1-r2v")
                        .build()
                        .validate())
                .isEmpty();

        List<Violation> onReseller = valid().provider("wavespeed")
                .model("happyhorse-1.0-r2v")
                .build()
                .validate();
        assertThat(onReseller).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("model");
            assertThat(v.value()).isEqualTo("happyhorse-1.0-r2v");
            assertThat(v.allowed())
                    .contains("alibaba/happyhorse-1.0/reference-to-video")
                    .contains("wavespeed");
            assertThat(v.reason()).contains("WaveSpeed does not serve");
        });
        assertThat(valid().provider("modelstudio")
                        .model("alibaba/happyhorse-1.0/reference-to-video")
                        .build()
                        .validate())
                .singleElement()
                .satisfies(v -> assertThat(v.message())
                        .startsWith("model: alibaba/happyhorse-1.0/reference-to-video is not allowed")
                        .contains("happyhorse-1.0-r2v"));
        // A text-to-video sibling takes no reference images.
        assertThat(valid().provider("modelstudio")
                        .model("happyhorse-1.0-t2v")
                        .build()
                        .validate())
                .extracting(Violation::field)
                .containsExactly("model");
    }

    @Test
    void theWatermarkIsOffByDefaultAndAllowedOnlyWhereTheHostDrawsIt() throws IOException {
        assertThat(valid().provider("modelstudio").build().parse().orElseThrow().watermark())
                .isFalse();
        assertThat(valid().provider("modelstudio")
                        .watermark(true)
                        .build()
                        .parse()
                        .orElseThrow()
                        .watermark())
                .isTrue();
        for (String reseller : List.of("wavespeed", "atlascloud")) {
            assertThat(valid().provider(reseller).watermark(true).build().validate())
                    .singleElement()
                    .satisfies(v -> assertThat(v.message())
                            .isEqualTo("watermark: true is not allowed ("
                                    + ProviderId.parse(reseller).orElseThrow().displayName()
                                    + " cannot draw a watermark on the clip); allowed: false on " + reseller
                                    + "; true only on modelstudio"));
            assertThat(valid().provider(reseller).watermark(false).build().validate())
                    .isEmpty();
        }
    }

    @Test
    void acceptsEveryImageFormatByItsBytesAndHttpsUrls() throws IOException {
        RenderRequest draft = RenderRequest.builder()
                .image(TestFiles.write(dir, "x.bin", TestFiles.png(50)).toString())
                .image(TestFiles.write(dir, "y.png", TestFiles.jpeg(50)).toString())
                .image(TestFiles.write(dir, "z", TestFiles.webp(50)).toString())
                .image("https://example.com/ref.png")
                .prompt("p")
                .resolution("1080P")
                .aspectRatio("9:16")
                .duration(15)
                .seed(2147483647L)
                .provider("atlascloud")
                .build();
        assertThat(draft.validate()).isEmpty();
        ClipSpec r = draft.parse().orElseThrow();
        assertThat(r.images()).hasSize(4);
        assertThat(r.images().get(3)).isInstanceOf(ImageSource.RemoteImage.class);
        assertThat(r.resolution()).isEqualTo(Resolution.P1080);
    }

    @Test
    void reportsEveryViolationAtOnceNamingFieldValueAndAllowed() {
        RenderRequest r = RenderRequest.builder()
                .prompt(" ")
                .resolution("4k")
                .aspectRatio("21:9")
                .duration(20)
                .seed(-1L)
                .provider("runway")
                .model("Bad Model!")
                .build();
        List<Violation> v = r.validate();
        assertThat(v)
                .extracting(Violation::field)
                .containsExactly(
                        "images", "prompt", "resolution", "aspectRatio", "duration", "seed", "provider", "model");
        assertThat(v.get(4).message())
                .isEqualTo("duration: 20 is not allowed; allowed: an integer from 3 to 15 (seconds)");
        assertThat(v.get(2).message()).contains("4k").contains("720p or 1080p");
        assertThatThrownBy(r.parse()::orElseThrow)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("8 problems")
                .hasMessageContaining("aspectRatio: 21:9");
    }

    @Test
    void refusesBadFilesWithTheReason() throws IOException {
        Path empty = TestFiles.write(dir, "empty.png", new byte[0]);
        Path text = TestFiles.write(
                dir, "notes.png", "hello, not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path big = dir.resolve("big.png");
        try (var ch = java.nio.channels.FileChannel.open(
                big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(TestFiles.png(16)));
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), 20L * 1024 * 1024 + 10);
        }
        RenderRequest r = RenderRequest.builder()
                .image(empty)
                .image(text)
                .image(big)
                .image(dir.resolve("missing.png"))
                .image(dir)
                .prompt("p")
                .build();
        assertThat(r.validate())
                .extracting(Violation::reason)
                .containsExactly(
                        "the file is empty",
                        "its bytes are not a png, jpeg or webp image",
                        "the file has 20.0 MB, over 20 MB",
                        "file not found",
                        "it is a directory");
    }

    @Test
    void refusesEveryUrlSchemeButHttps() {
        RenderRequest r = RenderRequest.builder()
                .images(List.of(
                        "http://example.com/a.png",
                        "file:///etc/passwd",
                        "ftp://example.com/a.png",
                        "data:image/png;base64,AAAA",
                        "https://" + "a".repeat(2100) + ".com/x.png",
                        "https://user:pw@example.com/a.png"))
                .prompt("p")
                .build();
        List<Violation> v = r.validate();
        assertThat(v).hasSize(6);
        assertThat(v.get(0).reason()).startsWith("only https URLs are accepted; http URLs are refused");
        assertThat(v.get(1).reason()).contains("file URLs are refused");
        assertThat(v.get(3).reason()).contains("data URLs are refused");
        assertThat(v.get(4).reason()).contains("2");
        assertThat(v.get(5).reason()).contains("user name or password");
    }

    @Test
    void neverEchoesThePasswordOfAUrl() {
        List<Violation> v = RenderRequest.builder()
                .images(List.of("https://me:s3cret-pw@example.com/a.png", "http://me:s3cret-pw@example.com/b.png"))
                .prompt("p")
                .build()
                .validate();
        assertThat(v).hasSize(2);
        assertThat(v).allSatisfy(violation -> assertThat(violation.message())
                .doesNotContain("s3cret-pw")
                .contains("***@example.com"));
    }

    @Test
    void neverEchoesMoreThanSixtyCharactersOfAValue() {
        String longPrompt = "x".repeat(3000);
        Violation v = RenderRequest.builder()
                .image("https://example.com/a.png")
                .prompt(longPrompt)
                .build()
                .validate()
                .get(0);
        assertThat(v.field()).isEqualTo("prompt");
        assertThat(v.value().codePointCount(0, v.value().length())).isLessThanOrEqualTo(60);
        assertThat(v.reason()).isEqualTo("it has 3,000 characters");
        assertThat(v.message()).doesNotContain("x".repeat(61));
    }

    @Test
    void limitsTheNumberOfImages() {
        RenderRequest.Builder b = RenderRequest.builder().prompt("p");
        for (int i = 0; i < 10; i++) {
            b.image("https://example.com/" + i + ".png");
        }
        assertThat(b.build().validate())
                .extracting(Violation::message)
                .containsExactly(
                        "images: 10 images is not allowed; allowed: 1 to 9 images: local png, jpeg or webp files of at most 20 MB,"
                                + " or https URLs of at most 2,048 characters");
    }

    @Test
    void digestFollowsImageContentNotItsName() throws IOException {
        Path a = TestFiles.write(dir, "a.png", TestFiles.png(64));
        Path b = TestFiles.write(dir, "b.png", TestFiles.png(64));
        String da = RenderRequest.builder().image(a).prompt("p").build().digest();
        String db = RenderRequest.builder().image(b).prompt("p").build().digest();
        assertThat(da).hasSize(64).isEqualTo(db);
        Files.write(b, TestFiles.png(65));
        assertThat(RenderRequest.builder().image(b).prompt("p").build().digest())
                .isNotEqualTo(da);
        assertThat(RenderRequest.builder().image(a).prompt("p").seed(1L).build().digest())
                .isNotEqualTo(da);
    }

    @Test
    void refusesATruncatedImageNamingTheFile() throws IOException {
        Path cut = TestFiles.write(dir, "cut.png", java.util.Arrays.copyOf(TestFiles.png(200), 150));
        assertThat(RenderRequest.builder().image(cut).prompt("p").build().validate())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("images[0]");
                    assertThat(v.value()).endsWith("cut.png");
                    assertThat(v.reason()).isEqualTo("the png image is truncated (it ends before its IEND chunk)");
                    assertThat(v.allowed()).contains("png, jpeg or webp");
                });
    }

    @Test
    void theSpecKeepsWhatWasReadFromEachImage() throws IOException {
        Path file = TestFiles.write(dir, "horse.png", TestFiles.png(300));
        ClipSpec spec = RenderRequest.builder()
                .image(file)
                .image("https://example.com/b.png")
                .prompt("p")
                .build()
                .parse()
                .orElseThrow();
        ImageSource.LocalImage local = (ImageSource.LocalImage) spec.images().get(0);
        assertThat(local.path()).isEqualTo(file.toAbsolutePath());
        assertThat(local.facts().bytes()).isEqualTo(300);
        assertThat(local.facts().width()).isEqualTo(16);
        // Moving the file away does not change the spec or its digest: both hold the facts.
        String digest = spec.digest();
        Files.delete(file);
        assertThat(spec.digest()).isEqualTo(digest);
    }

    @Test
    void treatsWindowsDrivePathsAsFiles() {
        assertThat(RenderRequest.looksLikeUrl("C:\\images\\a.png")).isFalse();
        assertThat(RenderRequest.looksLikeUrl("ftp://x/a.png")).isTrue();
        assertThat(RenderRequest.looksLikeUrl("images/a.png")).isFalse();
    }
}
