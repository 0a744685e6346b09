package io.jenkins.plugins.happyhorse.cli.progress;

import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress on a terminal: one line redrawn in place with {@code \r}, showing a bar (by phase), a
 * spinner, the phase, the time since the start and the latest event, cut to the terminal's width.
 */
final class TerminalProgress implements Progress {
    private static final int BAR = 16;
    private static final char[] SPINNER = {'|', '/', '-', '\\'};

    private final PrintStream err;
    private final int columns;
    private RenderPhase phase = RenderPhase.VALIDATING;
    private String message = "starting";
    private int spin;
    private int drawn;

    TerminalProgress(PrintStream err, int columns) {
        this.err = err;
        this.columns = Math.max(40, columns);
    }

    @Override
    public void onEvent(RenderEvent event, Duration elapsed, boolean milestone) {
        phase = event.phase();
        message = event.message();
        draw(elapsed);
    }

    @Override
    public void tick(Duration elapsed) {
        spin++;
        draw(elapsed);
    }

    @Override
    public void finish() {
        // Clear the bar so that the final line stands alone.
        err.print('\r' + " ".repeat(drawn) + '\r');
        err.flush();
        drawn = 0;
    }

    private void draw(Duration elapsed) {
        int filled = (int) Math.round(Phases.fraction(phase) * BAR);
        StringBuilder line = new StringBuilder(columns);
        line.append('[')
                .append("=".repeat(filled))
                .append(filled < BAR ? ">" : "")
                .append(" ".repeat(Math.max(0, BAR - filled - 1)))
                .append("] ")
                .append(phase == RenderPhase.DONE ? ' ' : SPINNER[spin % SPINNER.length])
                .append(' ')
                .append(Phases.padded(phase))
                .append(' ')
                .append(String.format(Locale.ROOT, "%7s", Durations.format(elapsed)))
                .append("  ")
                .append(message.replaceAll("\\s+", " "));
        int max = columns - 1; // the last column would wrap on some terminals
        String text = line.length() > max ? line.substring(0, max - 1) + "…" : line.toString();
        int pad = Math.max(0, drawn - text.length());
        err.print('\r' + text + " ".repeat(pad));
        err.flush();
        drawn = text.length();
    }
}
