package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.http.DownloadResult;
import io.jenkins.plugins.happyhorse.client.media.Mp4Info;
import io.jenkins.plugins.happyhorse.client.media.OutputVerifier;
import io.jenkins.plugins.happyhorse.client.spec.ClipShape;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.BooleanSupplier;

/**
 * Puts a clip at the output path without ever leaving half a clip there: the download goes into a
 * hidden {@code .NAME.*.part} file next to the output, and only a verified clip is moved into
 * place, atomically where the file system can. Creating the temporary file, publishing it and
 * discarding it exclude each other, so a run that ends meanwhile leaves no file behind.
 */
final class ClipDelivery {
    private final Path output;
    private final OutputVerifier verifier;
    private Path temp;
    private boolean discarded;

    /**
     * @param output where the clip goes; null for a run that downloads nothing (a dry run)
     * @param verifier what a clip must pass before it is published
     */
    ClipDelivery(Path output, OutputVerifier verifier) {
        this.output = output == null ? null : output.toAbsolutePath();
        this.verifier = verifier;
    }

    /** The absolute output path. */
    Path output() {
        return output;
    }

    /**
     * Creates the temporary file (and the output's folder when needed), unless the run is over or
     * the delivery was discarded; then returns null.
     */
    synchronized Path begin(BooleanSupplier over) throws IOException {
        if (discarded || over.getAsBoolean()) {
            return null;
        }
        Path dir = output.getParent();
        if (dir == null) {
            throw new IOException("the output path has no directory");
        }
        Files.createDirectories(dir);
        temp = Files.createTempFile(dir, "." + output.getFileName() + ".", ".part");
        return temp;
    }

    /**
     * Checks the downloaded clip in the temporary file against what it should be (its announced
     * length, and {@code expected}, or null for nothing more); only a clip that passes may be
     * published.
     */
    synchronized Mp4Info verify(DownloadResult downloaded, ClipShape expected) {
        return verifier.verify(temp, downloaded.contentLength(), expected);
    }

    /**
     * Moves the verified clip into place, once {@code claim} has claimed the run (before the move,
     * so a deadline or a cancel from then on finds the run over and the clip and the outcome
     * agree). Returns false, moving nothing, when the claim fails.
     */
    synchronized boolean publish(BooleanSupplier claim) throws IOException {
        if (!claim.getAsBoolean()) {
            return false;
        }
        publishable(temp);
        try {
            Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
        }
        temp = null;
        return true;
    }

    /**
     * Removes the temporary file, if any, and lets {@link #begin} make another: a reused clip that
     * did not check out gives way to a fresh render.
     */
    void abandon() {
        Path left;
        synchronized (this) {
            left = temp;
            temp = null;
        }
        deleteQuietly(left);
    }

    /** Removes the temporary file if there is one; no file is created after this. */
    void discard() {
        Path left;
        synchronized (this) {
            discarded = true;
            left = temp;
            temp = null;
        }
        deleteQuietly(left);
    }

    private static void deleteQuietly(Path left) {
        if (left != null) {
            try {
                Files.deleteIfExists(left);
            } catch (IOException e) {
                // Best effort; the name starts with a dot and ends with .part.
            }
        }
    }

    /**
     * Temporary files are created owner-only; the clip is an ordinary output that a web server, an
     * archiver or a colleague reads, so it gets an ordinary file's permissions before it appears.
     */
    private static void publishable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }
}
