package io.jenkins.plugins.happyhorse.client.reuse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a stored render's clip by its locator. The locator is the caller's: a file for the command
 * line, an archived artifact for Jenkins (whose plugin resolves it through the build's artifact
 * manager, wherever the artifacts are kept).
 */
@FunctionalInterface
public interface ClipResolver {

    /**
     * The clip's bytes.
     *
     * @throws NoSuchFileException (or {@link java.io.FileNotFoundException}) when the clip is gone
     */
    InputStream open(String locator) throws IOException;

    /** Locators that are {@code file:} URIs or absolute paths. */
    static ClipResolver files() {
        return locator -> Files.newInputStream(path(locator));
    }

    /** The locator of a file: its absolute {@code file:} URI. */
    static String locatorOf(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    /** The file a {@code file:} locator (or an absolute path) names. */
    static Path path(String locator) throws NoSuchFileException {
        try {
            return locator.startsWith("file:") ? Path.of(URI.create(locator)) : Path.of(locator);
        } catch (IllegalArgumentException e) {
            throw new NoSuchFileException(locator, null, "not a file locator");
        }
    }
}
