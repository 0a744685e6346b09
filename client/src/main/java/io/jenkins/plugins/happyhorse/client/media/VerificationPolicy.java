package io.jenkins.plugins.happyhorse.client.media;

/**
 * How closely a downloaded clip must match the request. {@link #strict()} is the default: duration
 * within max(0.5 s, 5 %), aspect ratio within 2 % and the short side within 10 % of 720 or 1080.
 * {@link #aspectRatioOnly()} drops the picture-size rule, for benchmarks whose simulator serves
 * shrunken pictures.
 */
public final class VerificationPolicy {
    private static final VerificationPolicy STRICT = new VerificationPolicy(0.5, 0.05, 0.02, 0.10);
    private static final VerificationPolicy ASPECT_ONLY = new VerificationPolicy(0.5, 0.05, 0.02, -1);

    private final double durationToleranceSeconds;
    private final double durationToleranceFraction;
    private final double aspectTolerance;
    private final double shortSideTolerance;

    private VerificationPolicy(double seconds, double fraction, double aspect, double shortSide) {
        this.durationToleranceSeconds = seconds;
        this.durationToleranceFraction = fraction;
        this.aspectTolerance = aspect;
        this.shortSideTolerance = shortSide;
    }

    /** Duration, aspect ratio and picture size are all checked. */
    public static VerificationPolicy strict() {
        return STRICT;
    }

    /** Duration and aspect ratio are checked; the picture may be of any size. */
    public static VerificationPolicy aspectRatioOnly() {
        return ASPECT_ONLY;
    }

    /** The largest accepted difference between the clip's and the requested duration. */
    public double durationToleranceSeconds(int requestedSeconds) {
        return Math.max(durationToleranceSeconds, durationToleranceFraction * requestedSeconds);
    }

    /** The largest accepted relative difference of the aspect ratio (0.02 = 2 %). */
    public double aspectTolerance() {
        return aspectTolerance;
    }

    /** Whether the short side of the picture is checked against 720 or 1080. */
    public boolean checksPictureSize() {
        return shortSideTolerance >= 0;
    }

    /** The largest accepted relative difference of the short side (0.10 = 10 %). */
    public double shortSideTolerance() {
        return shortSideTolerance;
    }

    @Override
    public String toString() {
        return checksPictureSize() ? "strict" : "aspect-ratio-only";
    }
}
