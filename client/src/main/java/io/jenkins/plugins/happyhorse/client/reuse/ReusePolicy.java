package io.jenkins.plugins.happyhorse.client.reuse;

import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import java.util.Locale;
import java.util.Optional;

/** When a render may reuse a clip already rendered from the same inputs instead of paying again. */
public enum ReusePolicy {
    /**
     * Reuse only when the spec has a seed: without one the host picks a random seed, so a new
     * render is a different clip, which is what asking again without a seed means.
     */
    AUTO,
    /** Reuse whenever an identical spec was rendered, seed or not. */
    ALWAYS,
    /** Never reuse; render and pay every time (the render is still recorded for others to reuse). */
    NEVER;

    /** Whether {@code spec} may be served by a clip rendered before. */
    public boolean reuses(ClipSpec spec) {
        return switch (this) {
            case AUTO -> spec.seed().isPresent();
            case ALWAYS -> true;
            case NEVER -> false;
        };
    }

    /** The lower-case word used in configuration, e.g. {@code auto}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code auto}, {@code always} or {@code never} (any case, blanks around ignored). */
    public static Optional<ReusePolicy> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (ReusePolicy p : values()) {
            if (p.word().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
