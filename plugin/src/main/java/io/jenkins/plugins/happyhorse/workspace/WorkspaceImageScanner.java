package io.jenkins.plugins.happyhorse.workspace;

import hudson.Util;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.happyhorse.client.spec.ImageFormat;
import io.jenkins.plugins.happyhorse.client.spec.ImageLimits;
import io.jenkins.plugins.happyhorse.workspace.ImageScan.Problem;
import io.jenkins.plugins.happyhorse.workspace.ImageScan.WorkspaceImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;
import org.apache.tools.ant.DirectoryScanner;

/**
 * Runs where the workspace lives and checks the reference images named there before a single byte
 * leaves the machine: expands Ant-style globs ({@code assets/*.png}, {@code **}{@code /ref-*.jpg}),
 * refuses absolute paths and anything whose real path (symbolic links followed) lies outside the
 * workspace, and checks each file's size and leading bytes (png, jpeg or webp, at most 20 MB).
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
        Path root = workspace.toPath().toRealPath();
        List<WorkspaceImage> images = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int index = 0; index < entries.size(); index++) {
            String entry = entries.get(index);
            if (isAbsolute(entry)) {
                problems.add(new Problem(entry, "an absolute path; give a path relative to the workspace"));
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
        Optional<ImageFormat> format;
        try {
            size = Files.size(real);
            format = ImageFormat.of(real);
        } catch (IOException e) {
            problems.add(new Problem(shown, "the file cannot be read"));
            return;
        }
        if (size == 0) {
            problems.add(new Problem(shown, "the file is empty"));
        } else if (size > ImageLimits.STANDARD.maxBytes()) {
            problems.add(new Problem(
                    shown, String.format(Locale.ROOT, "the file has %.1f MB, over 20 MB", size / 1048576.0)));
        } else if (format.isEmpty()) {
            problems.add(new Problem(shown, "its bytes are not a png, jpeg or webp image"));
        } else {
            String relativeReal = root.relativize(real).toString().replace('\\', '/');
            images.add(new WorkspaceImage(
                    index, entry, relativeReal, size, format.get().extension()));
        }
    }
}
