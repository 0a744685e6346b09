package io.jenkins.plugins.happyhorse.client.request;

import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One render as a user typed it: reference images, prompt and the model's parameters, each kept
 * as given. It is a draft: {@link #parse()} reads it once into a {@link ClipSpec} (local images
 * read once, their facts kept in the spec) or reports every problem at once, each naming the
 * field, the value and what is allowed. Nothing after the parse checks the values again.
 *
 * <p>Immutable; the builder never throws.
 */
public final class RenderRequest {
    private static final String IMAGES_ALLOWED = "1 to 9 images: local png, jpeg or webp files of at most 20 MB,"
            + " or https URLs of at most 2,048 characters";
    private static final String PROMPT_ALLOWED = "text of 1 to 2,500 characters";

    private final List<String> images;
    private final String prompt;
    private final String resolution;
    private final String aspectRatio;
    private final Integer duration;
    private final Long seed;
    private final String provider;
    private final String model;
    private final Boolean watermark;

    private RenderRequest(Builder b) {
        this.images = List.copyOf(b.images);
        this.prompt = b.prompt;
        this.resolution = b.resolution;
        this.aspectRatio = b.aspectRatio;
        this.duration = b.duration;
        this.seed = b.seed;
        this.provider = b.provider;
        this.model = b.model;
        this.watermark = b.watermark;
    }

    /**
     * A builder with the defaults: 720p, 16:9, 5 s, random seed, WaveSpeed, the host's HappyHorse
     * model, no watermark.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this draft's values, for a variation of it. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.images.addAll(images);
        b.prompt = prompt;
        b.resolution = resolution;
        b.aspectRatio = aspectRatio;
        b.duration = duration;
        b.seed = seed;
        b.provider = provider;
        b.model = model;
        b.watermark = watermark;
        return b;
    }

    /**
     * Parses the draft: the spec it describes, or every violation. Each local image is read once
     * (it must be a readable regular file of at most 20 MB holding a whole png, jpeg or webp
     * image); an https URL is checked as text. Never throws.
     */
    public ParsedClip parse() {
        List<Violation> out = new ArrayList<>();
        if (images.isEmpty()) {
            out.add(new Violation("images", "(none)", IMAGES_ALLOWED));
        } else if (images.size() > ClipSpec.MAX_IMAGES) {
            out.add(new Violation("images", images.size() + " images", IMAGES_ALLOWED));
        }
        List<ImageSource> sources = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            ImageChecks.check("images[" + i + "]", images.get(i), out).ifPresent(sources::add);
        }
        if (prompt == null || prompt.isBlank()) {
            out.add(new Violation("prompt", prompt, PROMPT_ALLOWED, "the prompt is empty"));
        } else if (!ClipSpec.isPrompt(prompt)) {
            int length = prompt.codePointCount(0, prompt.length());
            out.add(new Violation(
                    "prompt",
                    prompt,
                    PROMPT_ALLOWED,
                    "it has " + String.format(Locale.ROOT, "%,d", length) + " characters"));
        }
        Optional<Resolution> r = resolution == null ? Optional.of(Resolution.P720) : Resolution.parse(resolution);
        if (r.isEmpty()) {
            out.add(new Violation("resolution", resolution, "720p or 1080p"));
        }
        Optional<AspectRatio> a = aspectRatio == null ? Optional.of(AspectRatio.R16_9) : AspectRatio.parse(aspectRatio);
        if (a.isEmpty()) {
            out.add(new Violation("aspectRatio", aspectRatio, "16:9, 9:16, 1:1, 4:3 or 3:4"));
        }
        if (duration != null && !ClipSpec.isDuration(duration)) {
            out.add(new Violation("duration", String.valueOf(duration), "an integer from 3 to 15 (seconds)"));
        }
        if (seed != null && !ClipSpec.isSeed(seed)) {
            out.add(new Violation("seed", String.valueOf(seed), "an integer from 0 to 2147483647, or none for random"));
        }
        Optional<ProviderId> p = provider == null ? Optional.of(ProviderId.WAVESPEED) : ProviderId.parse(provider);
        if (p.isEmpty()) {
            out.add(new Violation("provider", provider, ProviderId.allowedIds()));
        }
        modelViolation(p).ifPresent(out::add);
        watermarkViolation(p).ifPresent(out::add);
        if (!out.isEmpty()) {
            return ParsedClip.invalid(out);
        }
        return ParsedClip.valid(new ClipSpec(
                sources,
                prompt,
                r.get(),
                a.get(),
                duration == null ? ClipSpec.DEFAULT_DURATION : duration,
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed),
                p.get(),
                model == null ? p.get().defaultModel() : model,
                Boolean.TRUE.equals(watermark)));
    }

    /** A model id that is no id at all, or one the host (when known) does not serve. */
    private Optional<Violation> modelViolation(Optional<ProviderId> host) {
        if (model == null) {
            return Optional.empty();
        }
        String example = host.map(ProviderId::defaultModel).orElse(ClipSpec.DEFAULT_MODEL);
        if (!ClipSpec.isModel(model)) {
            return Optional.of(new Violation(
                    "model", model, "a model id such as " + example + " (lower-case letters, digits, . _ - /)"));
        }
        if (host.isPresent() && !host.get().acceptsModel(model)) {
            return Optional.of(new Violation(
                    "model",
                    model,
                    host.get().modelsAllowed(),
                    host.get().displayName() + " does not serve a model of that name"));
        }
        return Optional.empty();
    }

    /** A watermark asked of a host that cannot draw one. */
    private Optional<Violation> watermarkViolation(Optional<ProviderId> host) {
        if (!Boolean.TRUE.equals(watermark) || host.isEmpty() || host.get().drawsWatermark()) {
            return Optional.empty();
        }
        return Optional.of(new Violation(
                "watermark",
                "true",
                "false on " + host.get().id() + "; true only on " + watermarkHosts(),
                host.get().displayName() + " cannot draw a watermark on the clip"));
    }

    private static String watermarkHosts() {
        StringBuilder b = new StringBuilder();
        for (ProviderId p : ProviderId.values()) {
            if (p.drawsWatermark()) {
                b.append(b.length() == 0 ? "" : " or ").append(p.id());
            }
        }
        return b.toString();
    }

    /** Every problem with this draft, empty when it is valid: {@code parse().violations()}. */
    public List<Violation> validate() {
        return parse().violations();
    }

    /**
     * The digest of the clip this draft describes, {@code parse().orElseThrow().digest()}: it
     * parses (and so reads the images) again on each call.
     *
     * @throws InvalidRequestException when the draft is invalid
     */
    public String digest() {
        return parse().orElseThrow().digest();
    }

    /**
     * Whether a typed image reference is a URL (has a scheme of two or more letters) rather than
     * a path; {@code C:\x.png} is a Windows path, {@code ftp://x} a URL to refuse.
     */
    static boolean looksLikeUrl(String raw) {
        return ImageChecks.looksLikeUrl(raw);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RenderRequest r)) {
            return false;
        }
        return images.equals(r.images)
                && Objects.equals(prompt, r.prompt)
                && Objects.equals(resolution, r.resolution)
                && Objects.equals(aspectRatio, r.aspectRatio)
                && Objects.equals(duration, r.duration)
                && Objects.equals(seed, r.seed)
                && Objects.equals(provider, r.provider)
                && Objects.equals(model, r.model)
                && Objects.equals(watermark, r.watermark);
    }

    @Override
    public int hashCode() {
        return Objects.hash(images, prompt, resolution, aspectRatio, duration, seed, provider, model, watermark);
    }

    @Override
    public String toString() {
        return "RenderRequest{provider=" + provider + ", model=" + model + ", images=" + images.size()
                + ", prompt=" + Violation.shorten(prompt) + ", resolution=" + resolution + ", aspectRatio="
                + aspectRatio + ", duration=" + duration + ", seed=" + seed + ", watermark=" + watermark + "}";
    }

    /** Collects what a user typed; {@link #build()} never throws. Not thread-safe. */
    public static final class Builder {
        private final List<String> images = new ArrayList<>();
        private String prompt;
        private String resolution;
        private String aspectRatio;
        private Integer duration;
        private Long seed;
        private String provider;
        private String model;
        private Boolean watermark;

        private Builder() {}

        /** Adds one image: a local file path or an https URL. */
        public Builder image(String image) {
            images.add(image);
            return this;
        }

        /** Adds one local image file. */
        public Builder image(Path file) {
            images.add(file == null ? null : file.toString());
            return this;
        }

        /** Adds one image URL. */
        public Builder image(URI url) {
            images.add(url == null ? null : url.toString());
            return this;
        }

        /** Replaces the images with these (file paths or https URLs). */
        public Builder images(List<String> all) {
            images.clear();
            if (all != null) {
                images.addAll(all);
            }
            return this;
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        /** {@code 720p} or {@code 1080p}; null for the default (720p). */
        public Builder resolution(String resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder resolution(Resolution resolution) {
            this.resolution = resolution == null ? null : resolution.wire();
            return this;
        }

        /** {@code 16:9}, {@code 9:16}, {@code 1:1}, {@code 4:3} or {@code 3:4}; null for 16:9. */
        public Builder aspectRatio(String aspectRatio) {
            this.aspectRatio = aspectRatio;
            return this;
        }

        public Builder aspectRatio(AspectRatio aspectRatio) {
            this.aspectRatio = aspectRatio == null ? null : aspectRatio.wire();
            return this;
        }

        /** Seconds, 3 to 15; null for the default (5). */
        public Builder duration(Integer seconds) {
            this.duration = seconds;
            return this;
        }

        /** 0 to 2147483647; null for a random seed chosen by the host. */
        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        /** {@code wavespeed}, {@code atlascloud} or {@code modelstudio}; null for WaveSpeed. */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder provider(ProviderId provider) {
            this.provider = provider == null ? null : provider.id();
            return this;
        }

        /** The model id; null for the host's own ({@link ProviderId#defaultModel()}). */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /**
         * Whether the host draws its mark on the clip; null or false for none. Only a host that can
         * draw one takes true (Model Studio, whose own default would be a marked clip).
         */
        public Builder watermark(Boolean watermark) {
            this.watermark = watermark;
            return this;
        }

        public RenderRequest build() {
            return new RenderRequest(this);
        }
    }
}
