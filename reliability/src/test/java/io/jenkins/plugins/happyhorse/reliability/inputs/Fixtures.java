package io.jenkins.plugins.happyhorse.reliability.inputs;

import io.jenkins.plugins.happyhorse.reliability.support.Images;
import java.awt.Color;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * The files the bad-input cases point at: a good picture, and pictures that are missing, empty,
 * too large, unreadable, directories, pipes, symlinks, or other formats wearing an image's name.
 */
final class Fixtures {
    final Path dir;
    final Path picture;
    final Path empty;
    final Path text;
    final Path gif;
    final Path html;
    final Path mp4;
    final Path pdf;
    final Path huge;
    final Path justOver;
    final Path unreadable;
    final Path linkToText;
    final Path dangling;
    final Path linkToDir;
    final Path fifo;
    final Path folder;
    final Path blocker;
    final Path emptyDir;
    /** Whether {@link #unreadable} really cannot be read (not so when the tests run as root). */
    final boolean permissionsEnforced;

    Fixtures(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        picture = Images.picture(dir.resolve("picture.png"), Color.ORANGE);
        empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        text = Files.writeString(dir.resolve("notes.png"), "not a picture at all, just text");
        gif = Files.write(
                dir.resolve("anim.png"), "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1));
        html = Files.writeString(dir.resolve("page.jpg"), "<!DOCTYPE html><html><body>hi</body></html>");
        mp4 = Files.write(dir.resolve("movie.png"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'});
        pdf = Files.writeString(dir.resolve("paper.webp"), "%PDF-1.7\n%\u00e2\u00e3\n");
        huge = sparsePng(dir.resolve("huge.png"), 21L * 1024 * 1024);
        justOver = sparsePng(dir.resolve("just-over.png"), 20L * 1024 * 1024 + 1);
        unreadable = Images.picture(dir.resolve("locked.png"), Color.BLUE);
        boolean enforced;
        try {
            Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
            enforced = !Files.isReadable(unreadable);
        } catch (UnsupportedOperationException e) {
            enforced = false;
        }
        permissionsEnforced = enforced;
        linkToText = Files.createSymbolicLink(dir.resolve("link-to-notes.png"), text);
        dangling = Files.createSymbolicLink(dir.resolve("dangling.png"), dir.resolve("gone.png"));
        folder = Files.createDirectories(dir.resolve("folder.png"));
        linkToDir = Files.createSymbolicLink(dir.resolve("link-to-folder.png"), folder);
        fifo = mkfifo(dir.resolve("pipe.png"));
        blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder is expected");
        emptyDir = Files.createDirectories(dir.resolve("existing-folder.mp4"));
    }

    /** A PNG signature followed by a hole, so the file is large on paper but costs no disk. */
    private static Path sparsePng(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            f.setLength(size);
        }
        return file;
    }

    /** A named pipe, or null where {@code mkfifo} is missing. */
    private static Path mkfifo(Path file) {
        try {
            Process p = new ProcessBuilder("mkfifo", file.toString())
                    .redirectErrorStream(true)
                    .start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return file;
            }
            p.destroyForcibly();
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
