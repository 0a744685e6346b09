package io.jenkins.plugins.happyhorse.workspace;

import hudson.Util;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.happyhorse.client.spec.ImageFacts;
import io.jenkins.plugins.happyhorse.client.spec.ImageInspector;
import io.jenkins.plugins.happyhorse.client.spec.ImageLimits;
import io.jenkins.plugins.happyhorse.client.spec.UnreadableImageException;
import io.jenkins.plugins.happyhorse.workspace.ImageScan.Problem;
import io.jenkins.plugins.happyhorse.workspace.ImageScan.WorkspaceImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;
import org.apache.tools.ant.DirectoryScanner;

/**
 * Runs where the workspace lives and checks the reference images named there before a single byte
 * leaves the machine: expands Ant-style globs ({@code assets/*.png}, {@code **}{@code /ref-*.jpg}),
 * refuses absolute paths and anything whose real path (symbolic links followed) lies outside the
 * workspace, and reads each file once with {@link ImageInspector}: a whole png, jpeg or webp image
 * of at most 20 MB. Only the facts read (format, picture size, length, SHA-256) go back to the
 * controller, which copies the files later and checks that the copies hold the same bytes.
 *
 * <p>A workspace folder that does not exist yet holds nothing: each path is "not found" and each
 * glob "matches no file", like in an empty folder.
 */
public final class WorkspaceImageScanner extends MasterToSlaveFileCallable<ImageScan> {
    private static final long serialVersionUID = 1L;

    /** Globs are capped so that a careless {@code **} cannot list a whole disk. */
    static final int MAX_MATCHES_PER_GLOB = 100;

    private final List<String> entries;

    /** @param entries workspace paths or globs, as the user typed them */
    public WorkspaceImageScanner(List<String> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Whether an entry is a glob rather than a single path. */
    public static boolean isGlob(String entry) {
        return entry.indexOf('*') >= 0 || entry.indexOf('?') >= 0;
    }

    @Override
    public ImageScan invoke(File workspace, VirtualChannel channel) throws IOException {
        Path start = workspace.toPath().toAbsolutePath();
        Path root = Files.isDirectory(start) ? start.toRealPath() : null;
        List<WorkspaceImage> images = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int index = 0; index < entries.size(); index++) {
            String entry = entries.get(index);
            if (isAbsolute(entry)) {
                problems.add(new Problem(entry, "an absolute path; give a path relative to the workspace"));
            } else if (root == null) {
                // dir() of a folder nobody made yet, or a workspace still to be checked out.
                problems.add(new Problem(
                        entry, isGlob(entry) ? "matches no file in the workspace" : "file not found in the workspace"));
            } else if (isGlob(entry)) {
                expand(root, index, entry, images, problems);
            } else {
                check(root, index, entry, entry, images, problems);
            }
        }
        return new ImageScan(images, problems);
    }

    private static boolean isAbsolute(String entry) {
        return entry.startsWith("/") || entry.startsWith("\\") || entry.matches("^[A-Za-z]:[\\\\/].*");
    }

    private static void expand(Path root, int index, String glob, List<WorkspaceImage> images, List<Problem> problems) {
        DirectoryScanner scanner = Util.createFileSet(root.toFile(), glob).getDirectoryScanner();
        String[] matches = scanner.getIncludedFiles();
        if (matches.length == 0) {
            problems.add(new Problem(glob, "matches no file in the workspace"));
            return;
        }
        if (matches.length > MAX_MATCHES_PER_GLOB) {
            problems.add(new Problem(glob, "matches " + matches.length + " files; at most 9 images are allowed"));
            return;
        }
        Arrays.sort(matches);
        for (String match : matches) {
            check(root, index, glob, match.replace('\\', '/'), images, problems);
        }
    }

    private static void check(
            Path root, int index, String entry, String relative, List<WorkspaceImage> images, List<Problem> problems) {
        String shown = entry.equals(relative) ? entry : entry + " → " + relative;
        Path real;
        try {
            Path candidate = root.resolve(relative).normalize();
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new Problem(shown, "file not found in the workspace"));
                return;
            }
            real = candidate.toRealPath();
        } catch (InvalidPathException e) {
            problems.add(new Problem(shown, "not a valid path"));
            return;
        } catch (IOException e) {
            problems.add(new Problem(shown, "file not found in the workspace (or a broken link)"));
            return;
        }
        if (!real.startsWith(root)) {
            problems.add(new Problem(shown, "it leads outside the workspace (through .. or a symbolic link)"));
            return;
        }
        if (!Files.isRegularFile(real)) {
            problems.add(new Problem(shown, Files.isDirectory(real) ? "it is a directory" : "not a regular file"));
            return;
        }
        long size;
        try {
            size = Files.size(real);
        } catch (IOException e) {
            problems.add(new Problem(shown, "the file cannot be read"));
            return;
        }
        if (size == 0) {
            problems.add(new Problem(shown, "the file is empty"));
            return;
        }
        Optional<String> tooLarge = ImageLimits.STANDARD.sizeProblem(size);
        if (tooLarge.isPresent()) {
            // Never read: hashing gigabytes only to refuse them would take minutes.
            problems.add(new Problem(shown, tooLarge.get()));
            return;
        }
        ImageFacts facts;
        try (InputStream in = Files.newInputStream(real)) {
            facts = ImageInspector.inspect(in);
        } catch (UnreadableImageException e) {
            problems.add(new Problem(shown, e.reason()));
            return;
        } catch (IOException e) {
            problems.add(new Problem(shown, "the file cannot be read"));
            return;
        }
        String relativeReal = root.relativize(real).toString().replace('\\', '/');
        images.add(new WorkspaceImage(
                index,
                entry,
                relativeReal,
                facts.format(),
                facts.width(),
                facts.height(),
                facts.bytes(),
                facts.sha256()));
    }
}
