package io.jenkins.plugins.happyhorse.workspace;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for the {@code output} setting: a relative, {@code /}-separated path inside the
 * workspace (and so also a valid artifact path) that ends in {@code .mp4}.
 */
public final class OutputPaths {

    /** What {@link #problem(String)} accepts, for messages. */
    public static final String ALLOWED = "a relative path inside the workspace ending in .mp4, e.g. clips/demo.mp4";

    private OutputPaths() {}

    /** The default output of the {@code n}th render of a build, e.g. {@code happyhorse/clip-1.mp4}. */
    public static String defaultFor(int n) {
        return "happyhorse/clip-" + n + ".mp4";
    }

    /** {@code output} with back slashes turned to slashes and blanks trimmed, or null for none. */
    public static @CheckForNull String normalize(@CheckForNull String output) {
        if (output == null || output.isBlank()) {
            return null;
        }
        String path = output.trim().replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        return path;
    }

    /** Why {@code output} (normalised) is refused, or empty when it is fine. */
    public static Optional<String> problem(String output) {
        if (output.startsWith("/") || output.matches("^[A-Za-z]:.*")) {
            return Optional.of("an absolute path");
        }
        for (String segment : output.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("it has an empty, . or .. path segment");
            }
        }
        if (!output.toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            return Optional.of("it does not end in .mp4");
        }
        if (output.chars().anyMatch(c -> c < 0x20 || "*?\"<>|:".indexOf(c) >= 0)) {
            return Optional.of("it has a character that is not allowed in file names");
        }
        return Optional.empty();
    }
}
