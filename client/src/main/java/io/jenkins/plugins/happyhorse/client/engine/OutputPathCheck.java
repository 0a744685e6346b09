package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOError;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks, before any call to a host, that the clip can be put where the caller asked: not onto an
 * existing directory or special file, and into a folder that is a directory, or can be created as
 * one, and can be written. Without it such a path is found out only after the render was paid
 * for. It creates nothing; what changes later (a folder removed meanwhile, a full disk) is still
 * caught when the clip is written.
 */
final class OutputPathCheck {
    /** The field a violation names. */
    static final String FIELD = "output";

    static final String ALLOWED = "a file path for the clip, e.g. out/clip.mp4, whose folder is a directory or can"
            + " be created as one (not an existing directory)";

    private OutputPathCheck() {}

    /** The problems with {@code output}, empty when there are none or there is no output (a dry run). */
    static List<Violation> check(Path output) {
        if (output == null) {
            return List.of();
        }
        // Violation shortens a long path in the middle, keeping the file's name.
        String shown = output.toString();
        Path target;
        try {
            target = output.toAbsolutePath().normalize();
        } catch (IOError | SecurityException e) {
            return List.of(new Violation(FIELD, shown, ALLOWED, "it cannot be made an absolute path"));
        }
        if (Files.isDirectory(target)) {
            return List.of(new Violation(FIELD, shown, ALLOWED, "it is an existing directory"));
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            return List.of(new Violation(FIELD, shown, ALLOWED, "it is a device, pipe or other special file"));
        }
        Path folder = target.getParent();
        if (folder == null) {
            return List.of(new Violation(FIELD, shown, ALLOWED, "it has no folder"));
        }
        // The nearest part of the folder that exists decides whether the rest can be created;
        // the walk is bounded by the path's depth.
        Path existing = folder;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return List.of(new Violation(FIELD, shown, ALLOWED, "no part of its folder " + folder + " exists"));
        }
        if (!Files.isDirectory(existing)) {
            String why = existing.equals(folder)
                    ? "its folder " + folder + " is a file, not a directory"
                    : "its folder " + folder + " cannot be created because " + existing + " is a file, not a"
                            + " directory";
            return List.of(new Violation(FIELD, shown, ALLOWED, why));
        }
        if (!Files.isWritable(existing)) {
            String why = existing.equals(folder)
                    ? "its folder " + folder + " cannot be written to"
                    : "its folder " + folder + " cannot be created because " + existing + " cannot be written to";
            return List.of(new Violation(FIELD, shown, ALLOWED, why));
        }
        return List.of();
    }
}
