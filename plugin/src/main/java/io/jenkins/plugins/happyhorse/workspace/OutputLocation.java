package io.jenkins.plugins.happyhorse.workspace;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs where the workspace lives and makes the folder for the output clip, refusing a location
 * that a symbolic link would take outside the workspace, so that a render never writes anywhere
 * but the workspace. Returns the clip's real absolute path there.
 *
 * <p>{@link #problem(File, String)} makes the same checks without creating anything, so that a
 * render can be refused before it is sent (and paid for) rather than after.
 */
public final class OutputLocation extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String relativePath;

    /** @param relativePath the clip's path relative to the workspace, already checked by {@link OutputPaths} */
    public OutputLocation(String relativePath) {
        this.relativePath = relativePath;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        String problem = problem(workspace, relativePath);
        if (problem != null) {
            throw new IOException(
                    "The output " + relativePath + " is not allowed (" + problem + "); choose another output path");
        }
        Path root = workspace.toPath().toAbsolutePath();
        Files.createDirectories(root);
        root = root.toRealPath();
        Path target = root.resolve(relativePath).normalize();
        Path parent = target.getParent();
        if (parent == null || !target.startsWith(root)) {
            throw new IOException("The output " + relativePath + " lies outside the workspace");
        }
        Files.createDirectories(parent);
        // Checked again once the folders exist: the workspace may have changed since the check.
        if (!parent.toRealPath().startsWith(root)) {
            throw new IOException("The output folder of " + relativePath
                    + " is a symbolic link that leads outside the workspace; choose another output path");
        }
        if (Files.isSymbolicLink(target) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("The output " + relativePath
                    + " is a symbolic link or a folder in the workspace; choose another output path");
        }
        return parent.toRealPath().resolve(target.getFileName()).toString();
    }

    /**
     * Why the clip could not be written at {@code relativePath} in {@code workspace} as it is now,
     * or null when it could. Creates nothing: folders that do not exist yet are fine, since they
     * would be made inside the workspace.
     *
     * @param relativePath the clip's path, already checked by {@link OutputPaths}
     */
    public static @CheckForNull String problem(File workspace, String relativePath) throws IOException {
        Path start = workspace.toPath().toAbsolutePath();
        if (!Files.isDirectory(start)) {
            return null; // a workspace still to be made holds nothing that could be in the way
        }
        Path root = start.toRealPath();
        Path target = root.resolve(relativePath).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            return "it leads outside the workspace";
        }
        // Each existing folder on the way must be a real folder inside the workspace.
        Path current = root;
        Path folders = root.relativize(target).getParent();
        if (folders != null) {
            for (Path name : folders) {
                current = current.resolve(name);
                boolean link = Files.isSymbolicLink(current);
                if (!link && !Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    break; // the rest would be made, inside the workspace
                }
                String shown = root.relativize(current).toString().replace('\\', '/');
                if (link && !Files.exists(current)) {
                    return "its folder " + shown + " is a broken symbolic link";
                }
                if (!current.toRealPath().startsWith(root)) {
                    return "its folder " + shown + " leads outside the workspace through a symbolic link";
                }
                if (!Files.isDirectory(current)) {
                    return shown + " is a file, not a folder";
                }
            }
        }
        if (Files.isSymbolicLink(target)) {
            return "it is a symbolic link in the workspace";
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return "it is an existing folder in the workspace";
        }
        return null;
    }

    /** {@link #problem(File, String)} where the workspace lives. */
    public static final class Check extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;

        private final String relativePath;

        /** @param relativePath the clip's path relative to the workspace, already checked by {@link OutputPaths} */
        public Check(String relativePath) {
            this.relativePath = relativePath;
        }

        /** Why the output is refused, or null when it is fine. */
        @Override
        public @CheckForNull String invoke(File workspace, VirtualChannel channel) throws IOException {
            return problem(workspace, relativePath);
        }
    }
}
