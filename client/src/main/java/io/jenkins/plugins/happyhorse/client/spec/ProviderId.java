package io.jenkins.plugins.happyhorse.client.spec;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hosts that sell the model, with what a clip needs to know about each before any call: the
 * default API base URL, the model ids the host serves (and the one it gets when none is named),
 * and whether it can draw its own watermark on the clip.
 */
public enum ProviderId {
    WAVESPEED("wavespeed", "WaveSpeed", "https://api.wavespeed.ai", Models.RESELLER, false),
    ATLASCLOUD("atlascloud", "Atlas Cloud", "https://api.atlascloud.ai/api/v1", Models.RESELLER, false),
    /**
     * Alibaba Model Studio (DashScope), the model's maker; the default base URL is the Singapore
     * region's. It draws a mark on the clip unless told not to, so a clip may ask for it.
     */
    MODELSTUDIO("modelstudio", "Model Studio", "https://dashscope-intl.aliyuncs.com/api/v1", Models.MAKER, true);

    private final String id;
    private final String displayName;
    private final URI defaultBaseUrl;
    private final Models models;
    private final boolean drawsWatermark;

    ProviderId(String id, String displayName, String defaultBaseUrl, Models models, boolean drawsWatermark) {
        this.id = id;
        this.displayName = displayName;
        this.defaultBaseUrl = URI.create(defaultBaseUrl);
        this.models = models;
        this.drawsWatermark = drawsWatermark;
    }

    /** The lower-case id used in configuration, e.g. {@code wavespeed}. */
    public String id() {
        return id;
    }

    /** The host's name for messages, e.g. {@code Atlas Cloud}. */
    public String displayName() {
        return displayName;
    }

    /** The documented API base URL; the host's paths are appended to it. */
    public URI defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /**
     * The model a clip gets on this host when none is named: {@code
     * alibaba/happyhorse-1.0/reference-to-video} on the resellers, {@code happyhorse-1.0-r2v} on
     * Model Studio.
     */
    public String defaultModel() {
        return models.defaultModel;
    }

    /**
     * Whether this host serves {@code model}: a reseller takes a model path such as {@code
     * alibaba/happyhorse-1.0/reference-to-video}; Model Studio a reference-to-video model named
     * {@code happyhorse-<version>-r2v}, the only kind that takes reference images.
     */
    public boolean acceptsModel(String model) {
        return model != null && models.pattern.matcher(model).matches();
    }

    /** What {@link #acceptsModel} accepts, for a violation. */
    public String modelsAllowed() {
        return models.allowed + " (on " + id + ")";
    }

    /** Whether this host can draw its watermark on the clip, so a clip may ask for one. */
    public boolean drawsWatermark() {
        return drawsWatermark;
    }

    /** The ids of every host, for a violation, e.g. {@code wavespeed, atlascloud or modelstudio}. */
    public static String allowedIds() {
        StringBuilder b = new StringBuilder();
        ProviderId[] all = values();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                b.append(i == all.length - 1 ? " or " : ", ");
            }
            b.append(all[i].id);
        }
        return b.toString();
    }

    /**
     * Parses an id such as {@code wavespeed}, {@code atlascloud} or {@code modelstudio} (any case,
     * blanks, dashes and underscores ignored; {@code atlas} and {@code dashscope} too).
     */
    public static Optional<ProviderId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip()
                .toLowerCase(Locale.ROOT)
                .replace("-", "")
                .replace("_", "")
                .replace(" ", "");
        if (t.equals("atlas")) {
            return Optional.of(ATLASCLOUD);
        }
        if (t.equals("dashscope") || t.equals("alibabamodelstudio")) {
            return Optional.of(MODELSTUDIO);
        }
        for (ProviderId p : values()) {
            if (p.id.equals(t)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }

    /** The model ids a kind of host serves. */
    private enum Models {
        /** A reseller's catalogue path: vendor, model and variant. */
        RESELLER(
                "alibaba/happyhorse-1.0/reference-to-video",
                "[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*){1,4}",
                "a model path such as alibaba/happyhorse-1.0/reference-to-video"),
        /** The maker's own names; only the reference-to-video models take reference images. */
        MAKER(
                "happyhorse-1.0-r2v",
                "happyhorse-[0-9]+(\\.[0-9]+)*-r2v",
                "a reference-to-video model such as happyhorse-1.0-r2v or happyhorse-1.1-r2v");

        final String defaultModel;
        final Pattern pattern;
        final String allowed;

        Models(String defaultModel, String pattern, String allowed) {
            this.defaultModel = defaultModel;
            this.pattern = Pattern.compile(pattern);
            this.allowed = allowed;
        }
    }
}
