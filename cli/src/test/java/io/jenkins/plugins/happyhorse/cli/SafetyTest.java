package io.jenkins.plugins.happyhorse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent loss, and nothing paid for a request that cannot end well: an existing clip is kept
 * unless --force says otherwise, the clip never goes to stdout or to a file not named .mp4, an
 * output that cannot be written says why, and broken images are refused by their option, all
 * before a single request.
 */
class SafetyTest {
    @TempDir
    Path dir;

    SteppedSimulator rig;

    @BeforeEach
    void start() throws IOException {
        rig = new SteppedSimulator(dir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private CliHarness.Result render(String... extra) {
        String[] base = {
            "render", "--base-url", rig.waveSpeed(), "--image", "product.png", "--prompt", "Turn", "--duration", "3"
        };
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return rig.cli.run(all);
    }

    private long requests() {
        return rig.sim.stats().requestsByRoute().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Test
    void anExistingClipIsNotReplacedWithoutForce() throws Exception {
        Files.writeString(dir.resolve("clip.mp4"), "an earlier clip");

        CliHarness.Result refused = render("--out", "clip.mp4");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("--out: clip.mp4 is not allowed (it exists; add --force to replace it)");
        assertThat(Files.readString(dir.resolve("clip.mp4"))).isEqualTo("an earlier clip");
        assertThat(requests()).isZero();

        CliHarness.Result forced = render("--out", "clip.mp4", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(Files.size(dir.resolve("clip.mp4"))).isGreaterThan(1000);
    }

    @Test
    void standardOutputAndOtherFileTypesAreRefused() {
        CliHarness.Result dash = render("--out", "-");
        CliHarness.Result mov = render("--out", "clip.mov");

        assertThat(dash.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(dash.err()).contains("--out: - is not allowed (standard output is not supported");
        assertThat(mov.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(mov.err())
                .contains("--out: clip.mov is not allowed (it does not end in .mp4); allowed: a file path ending in"
                        + " .mp4");
        assertThat(requests()).isZero();
    }

    @Test
    void anOutputUnderAFileSaysAFileStandsWhereAFolderShouldBe() throws Exception {
        Files.writeString(dir.resolve("renders"), "a file");

        CliHarness.Result refused = render("--out", "renders/2026/clip.mp4");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err())
                .contains("--out: renders/2026/clip.mp4 is not allowed (a file stands where a folder should be: ")
                .contains(dir.resolve("renders").toString());
        assertThat(requests()).isZero();
    }

    @Test
    void anOutputOnAReadOnlyFileSystemSaysSo() throws Exception {
        Path readOnly = Stream.of("/sys", "/usr", "/proc/self")
                .map(Path::of)
                .filter(SafetyTest::onReadOnlyStore)
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(readOnly != null, "no read-only file system here");

        CliHarness.Result refused = render("--out", readOnly.resolve("clip.mp4").toString());

        assertThat(refused.err()).contains("is on a read-only file system");
        assertThat(requests()).isZero();
    }

    private static boolean onReadOnlyStore(Path p) {
        try {
            FileStore store = Files.getFileStore(p);
            return store.isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void anOutputInAFolderWithoutWritePermissionSaysSo() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Assumptions.assumeTrue(locked.toFile().setWritable(false, false), "permissions cannot be changed here");
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "this user may write anywhere (root)");

            CliHarness.Result refused = render("--out", "locked/clip.mp4");

            assertThat(refused.err()).contains("(permission denied: ").contains("cannot be written to");
            assertThat(requests()).isZero();
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    @Test
    void longValuesAreShortenedInTheMiddleKeepingTheFileName() throws Exception {
        Path deep = dir.resolve("a-folder-with-a-rather-long-name/and-another-one-below-it/and-a-third");
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("product-shot-final.png"), "not a picture at all");

        CliHarness.Result refused =
                render("--image", deep.resolve("product-shot-final.png").toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).containsPattern("--image #2: /.*…/product-shot-final\\.png is not allowed");
    }

    @Test
    void aTruncatedImageIsRefusedByItsOptionBeforeAnyUpload() throws Exception {
        byte[] png = Files.readAllBytes(dir.resolve("product.png"));
        Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, 40));

        CliHarness.Result refused = render("--image", "cut.png", "--out", "clip.mp4");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).containsPattern("--image #2: cut\\.png is not allowed \\(.+\\)");
        assertThat(requests()).isZero();
    }

    @Test
    void theStateFolderIsCheckedBeforePaying() throws Exception {
        Files.writeString(dir.resolve("state"), "a file");

        CliHarness.Result refused = render("--out", "clip.mp4", "--state-dir", "state");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("--state-dir: ").contains("is a file, not a folder");
        assertThat(requests()).isZero();
    }
}
