package io.jenkins.plugins.happyhorse.simulator.job;

import java.util.List;
import java.util.OptionalLong;

/**
 * The model parameters of one accepted submission, in canonical spelling (lower-case
 * {@code 720p}/{@code 1080p}, {@code W:H} aspect ratio), whatever spelling the host accepted.
 *
 * @param model the model id
 * @param images the 1 to 9 reference image URLs, in order
 * @param prompt the prompt
 * @param resolution {@code 720p} or {@code 1080p}
 * @param aspectRatio {@code 16:9}, {@code 9:16}, {@code 1:1}, {@code 4:3} or {@code 3:4}
 * @param durationSeconds 3 to 15
 * @param seed the seed sent, if any
 */
public record JobParameters(
        String model,
        List<String> images,
        String prompt,
        String resolution,
        String aspectRatio,
        int durationSeconds,
        OptionalLong seed) {

    /** Copies the image list so the record stays immutable. */
    public JobParameters {
        images = List.copyOf(images);
    }

    /** Whether the request asks for 1080p. */
    public boolean is1080p() {
        return "1080p".equals(resolution);
    }
}
