package io.jenkins.plugins.happyhorse.render;

import hudson.Util;
import hudson.model.Run;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One render's folder on the controller, for its reference images and its clip: {@code
 * happyhorse-staging/render-N} in the build's own folder. That folder belongs to Jenkins alone
 * (unlike a shared temporary folder, which another local account could prepare with a link), goes
 * away with the build, and is where a resumed render finds it again after a restart.
 *
 * <p>The images are deleted when the render is over. The clip, which was paid for, is deleted only
 * once it was archived or written to the workspace; otherwise it stays, and the log says where.
 */
final class StagingArea {
    private static final Logger LOGGER = Logger.getLogger(StagingArea.class.getName());

    private final Path dir;
    private volatile boolean keepClip;

    private StagingArea(Path dir) {
        this.dir = dir;
    }

    /** The folder of render {@code number} of {@code run}, made (readable by this user only) if missing. */
    static StagingArea of(Run<?, ?> run, int number) throws IOException {
        Path dir = run.getRootDir().toPath().resolve("happyhorse-staging").resolve("render-" + number);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        return new StagingArea(dir);
    }

    Path dir() {
        return dir;
    }

    /** Where the {@code index}th reference image is copied to. */
    Path image(int index, String extension) {
        return dir.resolve("image-" + index + "." + extension);
    }

    /** Where the engine downloads the clip. */
    Path clip() {
        return dir.resolve("clip.mp4");
    }

    /** Keeps the clip when the render is over: it is the only copy of a clip paid for. */
    void keepClip() {
        keepClip = true;
    }

    boolean keepsClip() {
        return keepClip;
    }

    /** Deletes the images, and the clip unless it is kept (then the folder stays with it). */
    void clean() {
        try {
            if (keepClip) {
                try (var files = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (!file.equals(clip())) {
                            Util.deleteRecursive(file.toFile());
                        }
                    }
                }
            } else {
                // The parent stays: renders of the same build running at once share it.
                Util.deleteRecursive(dir.toFile());
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not clean the render folder " + dir, e);
        }
    }
}
