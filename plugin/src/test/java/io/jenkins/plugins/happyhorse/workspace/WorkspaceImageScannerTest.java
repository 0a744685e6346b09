package io.jenkins.plugins.happyhorse.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.happyhorse.client.spec.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent-side check of workspace images, run directly on a temporary workspace. */
class WorkspaceImageScannerTest {

    @TempDir
    Path workspace;

    @TempDir
    Path elsewhere;

    @Test
    void globsExpandInPathOrderAndKeepTheEntry() throws IOException {
        write("refs/b.png", png());
        write("refs/a.png", png());
        write("refs/notes.txt", "not an image".getBytes());

        ImageScan scan = scan("refs/*.png");

        assertThat(scan.problems()).isEmpty();
        assertThat(scan.images())
                .extracting(ImageScan.WorkspaceImage::relativePath)
                .containsExactly("refs/a.png", "refs/b.png");
        assertThat(scan.images()).allSatisfy(image -> {
            assertThat(image.entry()).isEqualTo("refs/*.png");
            assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        });
    }

    @Test
    void filesAreRecognisedByTheirBytesNotTheirNames() throws IOException {
        write("fake.png", "GIF89a and more".getBytes());
        write("real.dat", png());

        ImageScan scan = scan("fake.png", "real.dat");

        assertThat(scan.images())
                .extracting(ImageScan.WorkspaceImage::relativePath)
                .containsExactly("real.dat");
        assertThat(scan.problems())
                .containsExactly(new ImageScan.Problem("fake.png", "its bytes are not a png, jpeg or webp image"));
    }

    @Test
    void missingEmptyAndDirectoryEntriesAreReported() throws IOException {
        write("empty.png", new byte[0]);
        Files.createDirectories(workspace.resolve("folder.png"));

        ImageScan scan = scan("missing.png", "empty.png", "folder.png", "nothing/*.png");

        assertThat(scan.images()).isEmpty();
        assertThat(scan.problems())
                .containsExactly(
                        new ImageScan.Problem("missing.png", "file not found in the workspace"),
                        new ImageScan.Problem("empty.png", "the file is empty"),
                        new ImageScan.Problem("folder.png", "it is a directory"),
                        new ImageScan.Problem("nothing/*.png", "matches no file in the workspace"));
    }

    @Test
    void eachImageIsReadWhereItLivesAndOnlyItsFactsComeBack() throws Exception {
        byte[] bytes = png();
        write("assets/hero.png", bytes);

        ImageScan scan = scan("assets/hero.png");

        assertThat(scan.images()).singleElement().satisfies(image -> {
            assertThat(image.width()).isEqualTo(8);
            assertThat(image.height()).isEqualTo(8);
            assertThat(image.size()).isEqualTo(bytes.length);
            assertThat(image.sha256())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(image.facts().format()).isEqualTo(ImageFormat.PNG);
        });
    }

    @Test
    void aTruncatedImageIsRefusedWithTheReason() throws IOException {
        byte[] bytes = png();
        write("cut.png", Arrays.copyOf(bytes, bytes.length - 20));

        ImageScan scan = scan("cut.png");

        assertThat(scan.problems()).singleElement().satisfies(p -> assertThat(p.reason())
                .startsWith("the png image is truncated"));
    }

    @Test
    void aWorkspaceFolderThatDoesNotExistYetHoldsNothing() throws IOException {
        Path notYet = workspace.resolve("not-created-yet/renders");

        ImageScan scan = new WorkspaceImageScanner(List.of("missing/product.png", "assets/*.gif", "/abs/a.png"))
                .invoke(notYet.toFile(), null);

        assertThat(scan.images()).isEmpty();
        assertThat(scan.problems())
                .containsExactly(
                        new ImageScan.Problem("missing/product.png", "file not found in the workspace"),
                        new ImageScan.Problem("assets/*.gif", "matches no file in the workspace"),
                        new ImageScan.Problem("/abs/a.png", "an absolute path; give a path relative to the workspace"));
        assertThat(notYet).doesNotExist();
    }

    @Test
    void pathsLeavingTheWorkspaceAreRefused() throws IOException {
        Path outside = Files.write(elsewhere.resolve("secret.png"), png());

        ImageScan scan = scan("../" + elsewhere.getFileName() + "/secret.png", outside.toString());

        assertThat(scan.images()).isEmpty();
        assertThat(scan.problems()).hasSize(2);
        assertThat(scan.problems().get(1).reason()).startsWith("an absolute path");
    }

    @Test
    void symbolicLinksLeadingOutsideAreRefused() throws IOException {
        Path outside = Files.write(elsewhere.resolve("secret.png"), png());
        try {
            Files.createSymbolicLink(workspace.resolve("link.png"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "this file system cannot make symbolic links");
        }

        ImageScan scan = scan("link.png", "*.png");

        assertThat(scan.images()).isEmpty();
        assertThat(scan.problems())
                .extracting(ImageScan.Problem::reason)
                .containsOnly("it leads outside the workspace (through .. or a symbolic link)");
    }

    @Test
    void filesOverTwentyMegabytesAreRefused() throws IOException {
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        byte[] head = png();
        System.arraycopy(head, 0, big, 0, head.length);
        write("big.png", big);

        ImageScan scan = scan("big.png");

        assertThat(scan.problems()).singleElement().satisfies(p -> assertThat(p.reason())
                .contains("over 20 MB"));
    }

    private ImageScan scan(String... entries) throws IOException {
        return new WorkspaceImageScanner(List.of(entries)).invoke(workspace.toFile(), null);
    }

    private void write(String path, byte[] bytes) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
