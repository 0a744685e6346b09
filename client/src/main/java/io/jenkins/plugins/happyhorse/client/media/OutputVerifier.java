package io.jenkins.plugins.happyhorse.client.media;

import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipShape;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decides whether a downloaded file is the clip that was asked for: its length matches the
 * announced {@code Content-Length}, it is a complete MP4 ({@code ftyp}, {@code moov}), its duration
 * is within max(0.5 s, 5 %) of the request, and its picture matches the aspect ratio (2 %) and,
 * under the strict policy, the resolution's short side (10 %).
 */
public final class OutputVerifier {
    private final VerificationPolicy policy;

    public OutputVerifier(VerificationPolicy policy) {
        this.policy = policy;
    }

    /**
     * Checks {@code file}.
     *
     * @param expectedLength the announced length in bytes, or -1 when the host announced none
     * @return what the file holds
     * @throws OutputVerificationException naming the first mismatch
     */
    public Mp4Info verify(
            Path file, long expectedLength, int durationSeconds, Resolution resolution, AspectRatio aspectRatio) {
        return verify(file, expectedLength, new ClipShape(resolution, aspectRatio, durationSeconds));
    }

    /**
     * Checks {@code file} against {@code expected}; with no expectation (a clip collected by its
     * id alone), only that its length is the announced one and that it is a whole MP4.
     *
     * @param expectedLength the announced length in bytes, or -1 when the host announced none
     * @param expected what the clip must look like, or null when that is not known
     * @return what the file holds
     * @throws OutputVerificationException naming the first mismatch
     */
    public Mp4Info verify(Path file, long expectedLength, ClipShape expected) {
        Mp4Info info;
        try {
            long actual = Files.size(file);
            if (expectedLength >= 0 && actual != expectedLength) {
                throw fail("the download has " + actual + " bytes but the host announced " + expectedLength
                        + " (truncated)");
            }
            info = Mp4Inspector.inspect(file);
        } catch (Mp4Inspector.NotMp4Exception e) {
            throw fail("the download is not a complete MP4 clip: " + e.getMessage());
        } catch (IOException e) {
            throw new OutputVerificationException(
                    "The downloaded clip could not be read for verification (" + e.getMessage() + ").", e);
        }
        if (expected == null) {
            return info;
        }
        int durationSeconds = expected.durationSeconds();
        Resolution resolution = expected.resolution();
        AspectRatio aspectRatio = expected.aspectRatio();
        double tolerance = policy.durationToleranceSeconds(durationSeconds);
        if (Math.abs(info.durationSeconds() - durationSeconds) > tolerance) {
            throw fail(String.format(
                    Locale.ROOT,
                    "the clip lasts %.2f s but %d s was requested (tolerance %.2f s)",
                    info.durationSeconds(),
                    durationSeconds,
                    tolerance));
        }
        double ratio = (double) info.width() / info.height();
        if (Math.abs(ratio / aspectRatio.ratio() - 1) > policy.aspectTolerance()) {
            throw fail(String.format(
                    Locale.ROOT,
                    "the picture is %dx%d (aspect %.3f) but %s (%.3f) was requested",
                    info.width(),
                    info.height(),
                    ratio,
                    aspectRatio.wire(),
                    aspectRatio.ratio()));
        }
        if (policy.checksPictureSize()) {
            int shortSide = Math.min(info.width(), info.height());
            double off = Math.abs((double) shortSide / resolution.shortSide() - 1);
            if (off > policy.shortSideTolerance()) {
                throw fail("the picture is " + info.width() + "x" + info.height() + " but " + resolution.wire()
                        + " (short side " + resolution.shortSide() + ") was requested");
            }
        }
        return info;
    }

    private static OutputVerificationException fail(String what) {
        return new OutputVerificationException("The downloaded clip was rejected: " + what
                + ". Nothing was written to the output path; resume the render to download it again, or report"
                + " the prediction id to the host.");
    }
}
