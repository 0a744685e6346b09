package io.jenkins.plugins.happyhorse.simulator.video;

/**
 * The display size of a clip in pixels. Both sides are even, because 4:2:0 chroma and the
 * H.264 crop units work in pairs of pixels.
 *
 * @param width display width in pixels
 * @param height display height in pixels
 */
public record PictureSize(int width, int height) {

    /** Validates that both sides are positive and even. */
    public PictureSize {
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("picture sides must be even and at least 2: " + width + "x" + height);
        }
    }

    /**
     * The nominal picture for a request: the short side is 720 or 1080 pixels and the long
     * side follows the aspect ratio (16:9 at 720p is 1280x720, 4:3 is 960x720, and so on).
     *
     * @param resolution {@code 720p} or {@code 1080p} (any case)
     * @param aspectRatio {@code W:H}, for example {@code 16:9}
     */
    public static PictureSize nominal(String resolution, String aspectRatio) {
        int shortSide = "1080p".equalsIgnoreCase(resolution) ? 1080 : 720;
        return withShortSide(shortSide, aspectRatio);
    }

    /** A picture whose short side is {@code shortSide} pixels at the given aspect ratio. */
    public static PictureSize withShortSide(int shortSide, String aspectRatio) {
        String[] parts = aspectRatio.split(":", 2);
        int w = Integer.parseInt(parts[0].trim());
        int h = Integer.parseInt(parts[1].trim());
        if (w >= h) {
            return new PictureSize(even((double) shortSide * w / h), even(shortSide));
        }
        return new PictureSize(even(shortSide), even((double) shortSide * h / w));
    }

    /** This picture shrunk by {@code divisor} on both sides (kept even, at least 16x16). */
    public PictureSize scaledDown(int divisor) {
        if (divisor <= 1) {
            return this;
        }
        return new PictureSize(
                Math.max(16, even((double) width / divisor)), Math.max(16, even((double) height / divisor)));
    }

    private static int even(double value) {
        int rounded = (int) Math.round(value);
        return Math.max(2, rounded + (rounded & 1));
    }
}
