package io.jenkins.plugins.happyhorse.cli.progress;

import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.util.Locale;

/** How phases read on screen. */
final class Phases {
    /** The longest label, for alignment. */
    static final int WIDTH = 11;

    private Phases() {}

    static String label(RenderPhase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    /** The phase's label padded to {@link #WIDTH}. */
    static String padded(RenderPhase phase) {
        return String.format(Locale.ROOT, "%-" + WIDTH + "s", label(phase));
    }

    /** How far along the render is at the start of {@code phase}, 0 to 1. */
    static double fraction(RenderPhase phase) {
        return (double) phase.ordinal() / (RenderPhase.values().length - 1);
    }
}
