package io.jenkins.plugins.happyhorse.client.spec;

import java.util.Objects;

/**
 * What the engine knows about one reference image, read once by {@link ImageInspector}: later
 * steps (the upload, the spec's digest, a host's limits) use these facts and never read the
 * file's header again.
 *
 * @param format the format, recognised by the leading bytes
 * @param width the picture's width in pixels, from its header
 * @param height the picture's height in pixels, from its header
 * @param bytes the image's length in bytes
 * @param sha256 the SHA-256 of the bytes, lower-case hex
 */
public record ImageFacts(ImageFormat format, int width, int height, long bytes, String sha256) {
    public ImageFacts {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        if (width < 1 || height < 1 || bytes < 1) {
            throw new IllegalArgumentException(
                    "An image has a positive size, was " + width + "x" + height + ", " + bytes + " bytes");
        }
    }

    /** The shorter side of the picture in pixels. */
    public int shortSide() {
        return Math.min(width, height);
    }

    @Override
    public String toString() {
        return format.extension() + " " + width + "x" + height + ", " + bytes + " bytes";
    }
}
