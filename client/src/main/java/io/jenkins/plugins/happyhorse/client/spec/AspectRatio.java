package io.jenkins.plugins.happyhorse.client.spec;

import java.util.Optional;

/** The picture's aspect ratio, width to height. */
public enum AspectRatio {
    R16_9("16:9", 16, 9),
    R9_16("9:16", 9, 16),
    R1_1("1:1", 1, 1),
    R4_3("4:3", 4, 3),
    R3_4("3:4", 3, 4);

    private final String wire;
    private final int width;
    private final int height;

    AspectRatio(String wire, int width, int height) {
        this.wire = wire;
        this.width = width;
        this.height = height;
    }

    /** The spelling both hosts document, e.g. {@code 16:9}. */
    public String wire() {
        return wire;
    }

    /** Width divided by height. */
    public double ratio() {
        return (double) width / height;
    }

    /** Parses {@code 16:9} and friends (surrounding blanks ignored). */
    public static Optional<AspectRatio> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        for (AspectRatio r : values()) {
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
