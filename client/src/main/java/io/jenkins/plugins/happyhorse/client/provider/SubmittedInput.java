package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 */
public record SubmittedInput(
        String prompt, List<String> images, String resolution, String aspectRatio, int duration, Long seed) {

    public SubmittedInput {
        images = List.copyOf(images);
    }

    /** The inputs of {@code spec} with its images at {@code imageUrls}. */
    public static SubmittedInput of(ClipSpec spec, List<URI> imageUrls) {
        return new SubmittedInput(
                spec.prompt(),
                imageUrls.stream().map(URI::toString).toList(),
                spec.resolution().wire(),
                spec.aspectRatio().wire(),
                spec.durationSeconds(),
                spec.seedOrNull());
    }

    /** SHA-256 (hex) over the fields, with resolution spelling normalised to lower case. */
    public String digest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        field(sha, "happyhorse-input/1");
        field(sha, prompt);
        field(sha, Integer.toString(images.size()));
        for (String image : images) {
            field(sha, image);
        }
        field(sha, resolution == null ? "" : resolution.toLowerCase(Locale.ROOT));
        field(sha, aspectRatio);
        field(sha, Integer.toString(duration));
        field(sha, seed == null ? "none" : seed.toString());
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }
}
