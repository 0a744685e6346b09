package io.jenkins.plugins.happyhorse.client.spec;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** The hosts that sell the model, with their default API base URLs. */
public enum ProviderId {
    WAVESPEED("wavespeed", "WaveSpeed", "https://api.wavespeed.ai"),
    ATLASCLOUD("atlascloud", "Atlas Cloud", "https://api.atlascloud.ai/api/v1");

    private final String id;
    private final String displayName;
    private final URI defaultBaseUrl;

    ProviderId(String id, String displayName, String defaultBaseUrl) {
        this.id = id;
        this.displayName = displayName;
        this.defaultBaseUrl = URI.create(defaultBaseUrl);
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

    /** Parses an id such as {@code wavespeed} or {@code atlascloud} (any case; {@code atlas} too). */
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
}
