package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.spec.CanonicalDigest;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The model inputs exactly as submitted (images as the URLs the host received). Its {@link
 * #digest()} lets the engine recognise its own job in a host's history listing after a lost
 * submit reply, and is kept in the checkpoint (it holds no secret).
 *
 * @param prompt the prompt
 * @param images the image URLs sent
 * @param resolution {@code 720p} or {@code 1080p}
 * @param aspectRatio e.g. {@code 16:9}
 * @param duration seconds
 * @param seed the seed sent, or null when none was
 * @param watermark whether the host was asked to draw its mark on the clip
 */
public record SubmittedInput(
        String prompt,
        List<String> images,
        String resolution,
        String aspectRatio,
        int duration,
        Long seed,
        boolean watermark) {

    public SubmittedInput {
        images = List.copyOf(images);
    }

    /** Inputs sent without a watermark (the only kind the resellers take). */
    public SubmittedInput(
            String prompt, List<String> images, String resolution, String aspectRatio, int duration, Long seed) {
        this(prompt, images, resolution, aspectRatio, duration, seed, false);
    }

    /** The inputs of {@code spec} with its images at {@code imageUrls}. */
    public static SubmittedInput of(ClipSpec spec, List<URI> imageUrls) {
        return new SubmittedInput(
                spec.prompt(),
                imageUrls.stream().map(URI::toString).toList(),
                spec.resolution().wire(),
                spec.aspectRatio().wire(),
                spec.durationSeconds(),
                spec.seedOrNull(),
                spec.watermark());
    }

    /**
     * SHA-256 (hex) over the fields, with resolution spelling normalised to lower case. The
     * watermark counts only when asked for, so inputs without one keep the digest they always had.
     */
    public String digest() {
        CanonicalDigest d =
                new CanonicalDigest("happyhorse-input/1").field(prompt).field(Integer.toString(images.size()));
        images.forEach(d::field);
        d.field(resolution == null ? "" : resolution.toLowerCase(Locale.ROOT))
                .field(aspectRatio)
                .field(Integer.toString(duration))
                .field(seed == null ? "none" : seed.toString());
        if (watermark) {
            d.field("watermark");
        }
        return d.hex();
    }
}
