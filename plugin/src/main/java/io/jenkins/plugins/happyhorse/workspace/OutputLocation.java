package io.jenkins.plugins.happyhorse.workspace;

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
        Path root = workspace.toPath().toAbsolutePath();
        Files.createDirectories(root);
        root = root.toRealPath();
        Path target = root.resolve(relativePath).normalize();
        Path parent = target.getParent();
        if (parent == null || !target.startsWith(root)) {
            throw new IOException("The output " + relativePath + " lies outside the workspace");
        }
        Files.createDirectories(parent);
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
}
