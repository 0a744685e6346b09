package io.jenkins.plugins.happyhorse.client.spec;

import java.util.Locale;
import java.util.Optional;

/** The picture height of the clip. */
public enum Resolution {
    P720("720p", 720),
    P1080("1080p", 1080);

    private final String wire;
    private final int shortSide;

    Resolution(String wire, int shortSide) {
        this.wire = wire;
        this.shortSide = shortSide;
    }

    /** The spelling both hosts document, e.g. {@code 720p}. */
    public String wire() {
        return wire;
    }

    /** The short side of the picture in pixels (720 or 1080). */
    public int shortSide() {
        return shortSide;
    }

    /** Parses {@code 720p}/{@code 1080p} (any case, surrounding blanks ignored). */
    public static Optional<Resolution> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Resolution r : values()) {
            if (r.wire.equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wire;
    }
}
