package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.state.Folders;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for {@code --out}, checked before any money is spent: a file path ending in {@code
 * .mp4} (as the Jenkins plugin requires), never standard output (a clip is verified before it is
 * kept, so it is always written to a file first), not an existing file unless {@code --force}
 * says so, and in a folder that can be written to, or created; when it cannot, the message says
 * why (permission denied, a file where a folder should be, a read-only file system).
 */
final class Outputs {
    static final String ALLOWED = "a file path ending in .mp4, e.g. clip.mp4 or out/clip.mp4";

    private Outputs() {}

    /** The absolute output path, or empty with a problem added. */
    static Optional<Path> check(CliContext context, String typed, boolean force, List<Violation> problems) {
        if (typed == null || typed.isBlank()) {
            problems.add(new Violation("--out", typed, ALLOWED));
            return Optional.empty();
        }
        if (typed.strip().equals("-")) {
            problems.add(new Violation(
                    "--out",
                    typed,
                    ALLOWED,
                    "standard output is not supported: a clip is verified before it is kept, so it is always"
                            + " written to a file"));
            return Optional.empty();
        }
        Path path;
        try {
            path = context.resolve(typed);
        } catch (InvalidPathException e) {
            problems.add(new Violation("--out", typed, ALLOWED, "not a valid file path"));
            return Optional.empty();
        }
        Path name = path.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            problems.add(new Violation("--out", typed, ALLOWED, "it does not end in .mp4"));
            return Optional.empty();
        }
        if (Files.isDirectory(path)) {
            problems.add(new Violation("--out", typed, ALLOWED, "it is a directory"));
            return Optional.empty();
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !force) {
            problems.add(new Violation(
                    "--out", typed, ALLOWED + " that does not exist yet", "it exists; add --force to replace it"));
            return Optional.empty();
        }
        Path folder = path.getParent();
        Optional<String> unwritable = folder == null ? Optional.of("it has no folder") : Folders.problem(folder);
        if (unwritable.isPresent()) {
            problems.add(
                    new Violation("--out", typed, ALLOWED + " in a folder that can be written to", unwritable.get()));
            return Optional.empty();
        }
        return Optional.of(path);
    }
}
