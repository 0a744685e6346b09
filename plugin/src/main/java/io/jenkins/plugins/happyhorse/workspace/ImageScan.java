package io.jenkins.plugins.happyhorse.workspace;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link WorkspaceImageScanner} found in a workspace: the accepted images, in the order the
 * user gave them (globs expanded in path order), and every problem, each naming the entry as the
 * user typed it.
 *
 * @param images the accepted images
 * @param problems why entries were refused; empty when all were accepted
 */
public record ImageScan(List<WorkspaceImage> images, List<Problem> problems) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ImageScan {
        images = List.copyOf(images);
        problems = List.copyOf(problems);
    }

    /**
     * One accepted image file.
     *
     * @param entryIndex the position of its entry among the entries scanned
     * @param entry the entry as the user typed it (a path or a glob)
     * @param relativePath the file's real path relative to the workspace, {@code /}-separated
     * @param size its length in bytes
     * @param extension the usual extension of its format (png, jpg or webp)
     */
    public record WorkspaceImage(int entryIndex, String entry, String relativePath, long size, String extension)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One refused entry.
     *
     * @param entry the entry as the user typed it, or the matched file for a glob
     * @param reason why it was refused
     */
    public record Problem(String entry, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
