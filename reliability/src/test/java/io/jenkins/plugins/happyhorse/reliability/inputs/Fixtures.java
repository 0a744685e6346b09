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
    /** A 640x480 picture: fit for every host, Model Studio's 400 px short side included. */
    final Path reference;
    /** A real 600x300 picture: under Model Studio's 400 px short side. */
    final Path smallPicture;
    /** A whole 800x600 PNG of 11 MB: over Model Studio's 10 MB, under the others' 20 MB. */
    final Path elevenMegabytes;

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
        reference = Images.reference(dir.resolve("reference.png"), Color.ORANGE);
        smallPicture = Images.picture(dir.resolve("wide-strip.png"), Color.RED, 600, 300);
        elevenMegabytes = paddedPng(dir.resolve("eleven-mb.png"), 800, 600, 11L * 1024 * 1024);
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

    /**
     * A whole PNG of {@code size} bytes whose header says {@code width} x {@code height}: the
     * signature, {@code IHDR}, a private chunk of zeros and {@code IEND}, each with its CRC.
     */
    private static Path paddedPng(Path file, int width, int height, long size) throws IOException {
        int filler = (int) (size - 8 - 25 - 12 - 12);
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            java.nio.ByteBuffer ihdr =
                    java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height);
            ihdr.put((byte) 8).put((byte) 2);
            chunk(out, "IHDR", ihdr.array());
            chunk(out, "fILr", new byte[filler]);
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(java.io.OutputStream out, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        crc.update(name);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(name);
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
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
