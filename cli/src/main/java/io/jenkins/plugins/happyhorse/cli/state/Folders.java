package io.jenkins.plugins.happyhorse.cli.state;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a folder can be written to, or created and then written to, and if not, why in the
 * user's terms: a file stands where a folder should be, the file system is mounted read-only, or
 * permission is denied. Checked before any money is spent; it creates nothing.
 */
public final class Folders {
    private Folders() {}

    /** Why files cannot be written into {@code folder}, or empty when they can. */
    public static Optional<String> problem(Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        // The nearest part that exists decides; the walk is bounded by the path's depth.
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("no part of " + target + " exists");
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of(
                    existing.equals(target)
                            ? existing + " is a file, not a folder"
                            : "a file stands where a folder should be: " + existing);
        }
        if (readOnly(existing)) {
            return Optional.of(existing + " is on a read-only file system");
        }
        if (!Files.isWritable(existing)) {
            return Optional.of(
                    existing.equals(target)
                            ? "permission denied: " + existing + " cannot be written to"
                            : "permission denied: " + target + " cannot be created in " + existing);
        }
        return Optional.empty();
    }

    private static boolean readOnly(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return store.isReadOnly();
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
