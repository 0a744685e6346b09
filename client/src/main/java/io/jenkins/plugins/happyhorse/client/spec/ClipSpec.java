package io.jenkins.plugins.happyhorse.client.spec;

import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.RemoteImage;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One clip, typed and valid: the reference images (local ones with the facts read from them),
 * the prompt, the model's parameters, the host and the model. Every class after the parse takes
 * this value and checks nothing it guarantees.
 *
 * <p>It is made by parsing a draft ({@code RenderRequest.parse()}), which reports every problem
 * at once; the canonical constructor checks the same rules and throws {@link
 * IllegalArgumentException}, so no invalid spec exists.
 *
 * @param images 1 to 9 images, in order
 * @param prompt 1 to 2,500 characters, not blank
 * @param resolution the picture height
 * @param aspectRatio the picture's aspect ratio
 * @param durationSeconds 3 to 15
 * @param seed 0 to 2147483647, or empty for one the host picks
 * @param provider the host
 * @param model the model id, one the host serves ({@link ProviderId#acceptsModel})
 * @param watermark whether the host is to draw its mark on the clip; true only on a host that
 *     can ({@link ProviderId#drawsWatermark})
 */
public record ClipSpec(
        List<ImageSource> images,
        String prompt,
        Resolution resolution,
        AspectRatio aspectRatio,
        int durationSeconds,
        OptionalLong seed,
        ProviderId provider,
        String model,
        boolean watermark) {

    /**
     * The resellers' model id (WaveSpeed, Atlas Cloud); each host's own default is {@link
     * ProviderId#defaultModel()}.
     */
    public static final String DEFAULT_MODEL = "alibaba/happyhorse-1.0/reference-to-video";

    public static final int MIN_IMAGES = 1;
    public static final int MAX_IMAGES = 9;
    public static final int MAX_PROMPT_LENGTH = 2500;
    public static final int MIN_DURATION = 3;
    public static final int MAX_DURATION = 15;
    public static final int DEFAULT_DURATION = 5;
    public static final long MAX_SEED = 2147483647L;
    public static final int MAX_URL_LENGTH = 2048;

    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*){0,4}");

    public ClipSpec {
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(provider, "provider");
        images = List.copyOf(images);
        if (images.size() < MIN_IMAGES || images.size() > MAX_IMAGES) {
            throw new IllegalArgumentException("A clip takes 1 to 9 images, not " + images.size());
        }
        if (!isPrompt(prompt)) {
            throw new IllegalArgumentException("A clip's prompt has 1 to 2,500 characters and is not blank");
        }
        if (!isDuration(durationSeconds)) {
            throw new IllegalArgumentException("A clip lasts 3 to 15 seconds, not " + durationSeconds);
        }
        if (seed.isPresent() && !isSeed(seed.getAsLong())) {
            throw new IllegalArgumentException("A seed is from 0 to 2147483647, not " + seed.getAsLong());
        }
        if (!isModel(model) || !provider.acceptsModel(model)) {
            throw new IllegalArgumentException("Not a model id " + provider.displayName() + " serves: " + model);
        }
        if (watermark && !provider.drawsWatermark()) {
            throw new IllegalArgumentException(provider.displayName() + " cannot draw a watermark on the clip");
        }
    }

    /** Whether {@code prompt} is not blank and has at most 2,500 characters (code points). */
    public static boolean isPrompt(String prompt) {
        return prompt != null && !prompt.isBlank() && prompt.codePointCount(0, prompt.length()) <= MAX_PROMPT_LENGTH;
    }

    /** Whether a clip may last {@code seconds}. */
    public static boolean isDuration(long seconds) {
        return seconds >= MIN_DURATION && seconds <= MAX_DURATION;
    }

    /** Whether {@code seed} is one the hosts take. */
    public static boolean isSeed(long seed) {
        return seed >= 0 && seed <= MAX_SEED;
    }

    /** Whether {@code model} is a model id (lower-case letters, digits, {@code . _ - /}). */
    public static boolean isModel(String model) {
        return model != null && MODEL.matcher(model).matches();
    }

    /** What the clip must look like. */
    public ClipShape shape() {
        return new ClipShape(resolution, aspectRatio, durationSeconds);
    }

    /** The seed, or null when the host picks one. */
    public Long seedOrNull() {
        return seed.isPresent() ? seed.getAsLong() : null;
    }

    /**
     * The clip's identity, SHA-256 (hex) over the host, model, prompt, resolution, aspect ratio,
     * duration, seed, watermark and each image in order, local ones by the SHA-256 of their bytes
     * (read when the draft was parsed) and remote ones by their URL. Two specs that would render
     * the same clip have the same digest; a local file's name and the API key are no part of it.
     */
    public String digest() {
        CanonicalDigest d = new CanonicalDigest("happyhorse-request/2")
                .field(provider.id())
                .field(model)
                .field(prompt)
                .field(resolution.wire())
                .field(aspectRatio.wire())
                .field(Integer.toString(durationSeconds))
                .field(seed.isPresent() ? Long.toString(seed.getAsLong()) : "random")
                .field(watermark ? "watermark" : "no watermark")
                .field(Integer.toString(images.size()));
        for (ImageSource image : images) {
            d.field(
                    image instanceof LocalImage local
                            ? "sha256:" + local.facts().sha256()
                            : "url:" + ((RemoteImage) image).uri());
        }
        return d.hex();
    }

    @Override
    public String toString() {
        return "ClipSpec{provider=" + provider + ", model=" + model + ", images=" + images.size() + ", prompt="
                + Violation.shorten(prompt) + ", resolution=" + resolution + ", aspectRatio=" + aspectRatio
                + ", duration=" + durationSeconds + ", seed=" + (seed.isPresent() ? seed.getAsLong() : "random")
                + (watermark ? ", watermark" : "") + "}";
    }
}
