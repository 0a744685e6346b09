package io.jenkins.plugins.happyhorse.workspace;

import io.jenkins.plugins.happyhorse.client.spec.ImageFacts;
import io.jenkins.plugins.happyhorse.client.spec.ImageFormat;
import java.io.Serializable;
import java.util.List;

/**
 * What {@link WorkspaceImageScanner} found in a workspace: the accepted images, in the order the
 * user gave them (globs expanded in path order), each with what was read from it there, and every
 * problem, each naming the entry as the user typed it.
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
     * One accepted image file and the facts read from it where it lives (plain values, so that they
     * cross from the agent to the controller).
     *
     * @param entryIndex the position of its entry among the entries scanned
     * @param entry the entry as the user typed it (a path or a glob)
     * @param relativePath the file's real path relative to the workspace, {@code /}-separated
     * @param format its format, by its bytes
     * @param width its picture's width in pixels
     * @param height its picture's height in pixels
     * @param size its length in bytes
     * @param sha256 the SHA-256 of its bytes, lower-case hex
     */
    public record WorkspaceImage(
            int entryIndex,
            String entry,
            String relativePath,
            ImageFormat format,
            int width,
            int height,
            long size,
            String sha256)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** What was read from the file, as the engine takes it. */
        public ImageFacts facts() {
            return new ImageFacts(format, width, height, size, sha256);
        }

        /** The entry as the user sees it: the path, or the glob and the file it matched. */
        public String shown() {
            return entry.equals(relativePath) ? entry : entry + " → " + relativePath;
        }
    }

    /**
     * One refused entry.
     *
     * @param entry the entry as the user typed it, or the glob and the matched file
     * @param reason why it was refused
     */
    public record Problem(String entry, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
