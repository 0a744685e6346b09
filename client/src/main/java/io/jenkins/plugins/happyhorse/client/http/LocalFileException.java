package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.error.StorageException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A local file could not be sent as it was when it was read: it is gone, unreadable, or no longer
 * the length it had. No retry can help, and the host is not to blame.
 */
final class LocalFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String fileName;

    LocalFileException(Path file, String what, Throwable cause) {
        super("the file " + file.getFileName() + " " + what, cause);
        this.fileName = String.valueOf(file.getFileName());
    }

    /** The failure to report: the image changed after it was read; nothing was submitted. */
    StorageException asStorageFailure() {
        return new StorageException(
                "The image " + fileName + " could not be uploaded as it was read (" + getMessage() + "); nothing was"
                        + " submitted. Leave the images unchanged while a render starts, then render again.",
                this);
    }
}
