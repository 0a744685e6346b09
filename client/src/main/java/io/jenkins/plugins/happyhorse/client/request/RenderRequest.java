package io.jenkins.plugins.happyhorse.client.request;

import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ImageFormat;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.RemoteImage;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One render as a user asked for it: reference images, prompt and the model's parameters.
 *
 * <p>Immutable. The builder takes what a user typed and never throws; {@link #validate()} then
 * reports every problem at once, each naming the field, the value and what is allowed. The typed
 * getters are meant for valid requests and throw {@link InvalidRequestException} for a field that
 * cannot be read. {@link #digest()} identifies the request (images by content), so that a
 * submission can be recognised later.
 */
public final class RenderRequest {
    /** The model this engine is built for. */
    public static final String DEFAULT_MODEL = "alibaba/happyhorse-1.0/reference-to-video";

    public static final int MIN_IMAGES = 1;
    public static final int MAX_IMAGES = 9;
    public static final int MAX_PROMPT_LENGTH = 2500;
    public static final int MIN_DURATION = 3;
    public static final int MAX_DURATION = 15;
    public static final int DEFAULT_DURATION = 5;
    public static final long MAX_SEED = 2147483647L;
    public static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    public static final int MAX_URL_LENGTH = 2048;

    private static final String IMAGES_ALLOWED = "1 to 9 images: local png, jpeg or webp files of at most 20 MB,"
            + " or https URLs of at most 2,048 characters";
    private static final java.util.regex.Pattern USER_INFO =
            java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");
    private static final String FILE_ALLOWED = "a readable png, jpeg or webp file of at most 20 MB, or an https URL";
    private static final String URL_ALLOWED = "an https URL of at most 2,048 characters, or a local file";
    private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*){0,4}");

    private final List<String> images;
    private final String prompt;
    private final String resolution;
    private final String aspectRatio;
    private final Integer duration;
    private final Long seed;
    private final String provider;
    private final String model;

    private RenderRequest(Builder b) {
        this.images = List.copyOf(b.images);
        this.prompt = b.prompt;
        this.resolution = b.resolution;
        this.aspectRatio = b.aspectRatio;
        this.duration = b.duration;
        this.seed = b.seed;
        this.provider = b.provider;
        this.model = b.model;
    }

    /** A builder with the defaults: 720p, 16:9, 5 s, random seed, WaveSpeed, the HappyHorse model. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values, for a variation of it. */
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
        return b;
    }

    /**
     * Every problem with this request, empty when it is valid. Local images are checked on disk:
     * they must be readable regular files, non-empty, at most 20 MB, and png, jpeg or webp by
     * their bytes.
     */
    public List<Violation> validate() {
        List<Violation> out = new ArrayList<>();
        if (images.isEmpty()) {
            out.add(new Violation("images", "(none)", IMAGES_ALLOWED));
        } else if (images.size() > MAX_IMAGES) {
            out.add(new Violation("images", images.size() + " images", IMAGES_ALLOWED));
        }
        for (int i = 0; i < images.size(); i++) {
            checkImage("images[" + i + "]", images.get(i), out);
        }
        if (prompt == null || prompt.isBlank()) {
            out.add(new Violation("prompt", prompt, "text of 1 to 2,500 characters", "the prompt is empty"));
        } else {
            int length = prompt.codePointCount(0, prompt.length());
            if (length > MAX_PROMPT_LENGTH) {
                out.add(new Violation(
                        "prompt",
                        prompt,
                        "text of 1 to 2,500 characters",
                        "it has " + String.format(Locale.ROOT, "%,d", length) + " characters"));
            }
        }
        if (resolution != null && Resolution.parse(resolution).isEmpty()) {
            out.add(new Violation("resolution", resolution, "720p or 1080p"));
        }
        if (aspectRatio != null && AspectRatio.parse(aspectRatio).isEmpty()) {
            out.add(new Violation("aspectRatio", aspectRatio, "16:9, 9:16, 1:1, 4:3 or 3:4"));
        }
        if (duration != null && (duration < MIN_DURATION || duration > MAX_DURATION)) {
            out.add(new Violation("duration", String.valueOf(duration), "an integer from 3 to 15 (seconds)"));
        }
        if (seed != null && (seed < 0 || seed > MAX_SEED)) {
            out.add(new Violation("seed", String.valueOf(seed), "an integer from 0 to 2147483647, or none for random"));
        }
        if (provider != null && ProviderId.parse(provider).isEmpty()) {
            out.add(new Violation("provider", provider, "wavespeed or atlascloud"));
        }
        if (model != null && !MODEL.matcher(model).matches()) {
            out.add(new Violation(
                    "model", model, "a model id such as " + DEFAULT_MODEL + " (lower-case letters, digits, . _ - /)"));
        }
        return List.copyOf(out);
    }

    /** Throws {@link InvalidRequestException} with every violation when the request is invalid. */
    public RenderRequest requireValid() {
        List<Violation> violations = validate();
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return this;
    }

    private static void checkImage(String field, String raw, List<Violation> out) {
        if (raw == null || raw.isBlank()) {
            out.add(new Violation(field, raw, FILE_ALLOWED, "no image given"));
            return;
        }
        if (looksLikeUrl(raw)) {
            checkUrl(field, raw.strip(), out);
        } else {
            checkFile(field, raw, out);
        }
    }

    private static void checkUrl(String field, String raw, List<Violation> out) {
        String shown = withoutUserInfo(raw);
        if (raw.length() > MAX_URL_LENGTH) {
            out.add(new Violation(field, shown, URL_ALLOWED, "the URL has " + raw.length() + " characters"));
            return;
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            out.add(new Violation(field, shown, URL_ALLOWED, "not a valid URL"));
            return;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https")) {
            out.add(new Violation(
                    field,
                    shown,
                    URL_ALLOWED,
                    "only https URLs are accepted; " + scheme + " URLs are refused because the host must fetch the"
                            + " image over a secure public connection"));
            return;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            out.add(new Violation(field, shown, URL_ALLOWED, "the URL has no host"));
        } else if (uri.getRawUserInfo() != null) {
            out.add(new Violation(field, shown, URL_ALLOWED, "the URL carries a user name or password"));
        }
    }

    /**
     * The URL as it may be shown: a password in its user-info part ({@code https://me:pw@host/})
     * must not reach a build log through an error message.
     */
    static String withoutUserInfo(String raw) {
        return USER_INFO.matcher(raw).replaceFirst("$1***@");
    }

    private static void checkFile(String field, String raw, List<Violation> out) {
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            out.add(new Violation(field, raw, FILE_ALLOWED, "not a valid file path"));
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            out.add(new Violation(field, raw, FILE_ALLOWED, "file not found"));
            return;
        }
        if (attributes.isDirectory()) {
            out.add(new Violation(field, raw, FILE_ALLOWED, "it is a directory"));
            return;
        }
        if (!attributes.isRegularFile()) {
            out.add(new Violation(field, raw, FILE_ALLOWED, "it is not a regular file"));
            return;
        }
        if (!Files.isReadable(path)) {
            out.add(new Violation(field, raw, FILE_ALLOWED, "the file is not readable"));
            return;
        }
        long size = attributes.size();
        if (size == 0) {
            out.add(new Violation(field, raw, FILE_ALLOWED, "the file is empty"));
            return;
        }
        if (size > MAX_IMAGE_BYTES) {
            out.add(new Violation(
                    field,
                    raw,
                    FILE_ALLOWED,
                    String.format(Locale.ROOT, "the file has %.1f MB, over 20 MB", size / 1024.0 / 1024.0)));
            return;
        }
        try {
            if (ImageFormat.of(path).isEmpty()) {
                out.add(new Violation(field, raw, FILE_ALLOWED, "its bytes are not a png, jpeg or webp image"));
            }
        } catch (IOException e) {
            out.add(new Violation(field, raw, FILE_ALLOWED, "the file cannot be read"));
        }
    }

    /**
     * Whether a typed image reference is a URL (has a scheme of two or more letters) rather than
     * a path; {@code C:\x.png} is a Windows path, {@code ftp://x} a URL to refuse.
     */
    static boolean looksLikeUrl(String raw) {
        return URL_LIKE.matcher(raw.strip()).matches();
    }

    /** The images, in order. */
    public List<ImageSource> images() {
        List<ImageSource> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            String raw = images.get(i);
            if (raw == null || raw.isBlank()) {
                throw invalid("images[" + i + "]", raw, FILE_ALLOWED);
            }
            try {
                out.add(
                        looksLikeUrl(raw)
                                ? new RemoteImage(new URI(raw.strip()))
                                : new LocalImage(Path.of(raw).toAbsolutePath()));
            } catch (URISyntaxException | InvalidPathException e) {
                throw invalid("images[" + i + "]", raw, FILE_ALLOWED);
            }
        }
        return List.copyOf(out);
    }

    /** The images exactly as given to the builder. */
    public List<String> rawImages() {
        return images;
    }

    /** The prompt as given. */
    public String prompt() {
        return prompt;
    }

    /** The resolution, 720p when none was given. */
    public Resolution resolution() {
        if (resolution == null) {
            return Resolution.P720;
        }
        return Resolution.parse(resolution).orElseThrow(() -> invalid("resolution", resolution, "720p or 1080p"));
    }

    /** The aspect ratio, 16:9 when none was given. */
    public AspectRatio aspectRatio() {
        if (aspectRatio == null) {
            return AspectRatio.R16_9;
        }
        return AspectRatio.parse(aspectRatio)
                .orElseThrow(() -> invalid("aspectRatio", aspectRatio, "16:9, 9:16, 1:1, 4:3 or 3:4"));
    }

    /** The clip length in seconds, 5 when none was given. */
    public int durationSeconds() {
        return duration == null ? DEFAULT_DURATION : duration;
    }

    /** The seed, empty for a random one chosen by the host. */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** The host, WaveSpeed when none was given. */
    public ProviderId provider() {
        if (provider == null) {
            return ProviderId.WAVESPEED;
        }
        return ProviderId.parse(provider).orElseThrow(() -> invalid("provider", provider, "wavespeed or atlascloud"));
    }

    /** The model id, {@link #DEFAULT_MODEL} when none was given. */
    public String model() {
        return model == null ? DEFAULT_MODEL : model;
    }

    /**
     * SHA-256 (hex) of the canonical request: provider, model, prompt, resolution, aspect ratio,
     * duration, seed, and each image by the SHA-256 of its content (local files) or its URL. Two
     * requests that would render the same clip have the same digest.
     *
     * @throws InvalidRequestException when the request is invalid
     * @throws UncheckedIOException when an image file cannot be read
     */
    public String digest() {
        List<ImageSource> sources = images();
        MessageDigest sha = sha256();
        field(sha, "happyhorse-request/1");
        field(sha, provider().id());
        field(sha, model());
        field(sha, prompt);
        field(sha, resolution().wire());
        field(sha, aspectRatio().wire());
        field(sha, Integer.toString(durationSeconds()));
        field(sha, seed == null ? "random" : Long.toString(seed));
        field(sha, Integer.toString(sources.size()));
        for (ImageSource source : sources) {
            if (source instanceof LocalImage local) {
                field(sha, "sha256:" + fileSha256(local.path()));
            } else {
                field(sha, "url:" + ((RemoteImage) source).uri());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** SHA-256 (hex) of a file's content, read in chunks. */
    public static String fileSha256(Path file) {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image " + file + " to compute its digest", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String value) {
        // Length-prefixed, so that no two different requests hash the same text.
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static InvalidRequestException invalid(String field, String value, String allowed) {
        return new InvalidRequestException(List.of(new Violation(field, value, allowed)));
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
                && Objects.equals(model, r.model);
    }

    @Override
    public int hashCode() {
        return Objects.hash(images, prompt, resolution, aspectRatio, duration, seed, provider, model);
    }

    @Override
    public String toString() {
        return "RenderRequest{provider=" + provider + ", model=" + model + ", images=" + images.size()
                + ", prompt=" + Violation.shorten(prompt) + ", resolution=" + resolution + ", aspectRatio="
                + aspectRatio + ", duration=" + duration + ", seed=" + seed + "}";
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

        /** {@code wavespeed} or {@code atlascloud}; null for WaveSpeed. */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder provider(ProviderId provider) {
            this.provider = provider == null ? null : provider.id();
            return this;
        }

        /** The model id; null for {@link RenderRequest#DEFAULT_MODEL}. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public RenderRequest build() {
            return new RenderRequest(this);
        }
    }
}
