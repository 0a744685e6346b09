package io.jenkins.plugins.happyhorse.cli.progress;

import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.jline.utils.WCWidth;

/**
 * Progress on a terminal: one line redrawn in place with {@code \r}: a bar, the phase (the host's
 * own status word while it has the job), the time since the start and what is happening (waited
 * against the expected time, bytes downloaded of the total). The line always fits the terminal's
 * width as it is now, measured in display columns, so it never wraps: the text is cut with an
 * ellipsis, and on a narrow terminal the bar goes too.
 */
final class TerminalProgress implements Progress {
    private static final int BAR = 16;
    private static final int LABEL = 11;
    private static final int NARROWEST = 20;
    /** The least of the text worth keeping the bar for. */
    private static final int MIN_DETAIL = 24;

    private final PrintStream err;
    private final IntSupplier columns;
    private int drawn;

    TerminalProgress(PrintStream err, IntSupplier columns) {
        this.err = err;
        this.columns = columns;
    }

    @Override
    public void onEvent(RenderEvent event, Snapshot now) {
        draw(now);
    }

    @Override
    public void onTick(Snapshot now) {
        draw(now);
    }

    @Override
    public void finish() {
        // Clear the line so that the final lines stand alone.
        if (drawn > 0) {
            err.print('\r' + " ".repeat(drawn) + '\r');
        }
        err.flush();
        drawn = 0;
    }

    private void draw(Snapshot s) {
        // The last columns are left free: some terminals wrap as soon as the last one is written, and
        // the terminal echoes Ctrl-C as "^C" after the line.
        int max = Math.max(NARROWEST, columns.getAsInt()) - 3;
        String text = line(s, max);
        int width = width(text);
        err.print('\r' + text + " ".repeat(Math.max(0, drawn - width)));
        err.flush();
        drawn = width;
    }

    /** The line for {@code s} in at most {@code max} columns. */
    static String line(Snapshot s, int max) {
        String head = String.format(Locale.ROOT, "%-" + LABEL + "s %7s  ", s.label(), Durations.format(s.elapsed()));
        String detail = Detail.of(s).replaceAll("\\s+", " ");
        String bar = bar(Detail.fraction(s), s.phase() == RenderPhase.DONE);
        String full = bar + " " + head + detail;
        if (width(full) <= max) {
            return full;
        }
        // The text is cut first, as long as a useful part of it is left; on a narrower terminal the bar goes.
        int room = max - width(bar + " " + head);
        if (room >= MIN_DETAIL) {
            return bar + " " + head + fit(detail, room);
        }
        return fit(head + detail, max);
    }

    private static String bar(double fraction, boolean done) {
        int filled = (int) Math.round(fraction * BAR);
        if (done) {
            filled = BAR;
        }
        return "[" + "=".repeat(filled) + (filled < BAR ? ">" : "") + " ".repeat(Math.max(0, BAR - filled - 1)) + "]";
    }

    /** {@code text} cut to {@code max} display columns, with an ellipsis where it was cut. */
    static String fit(String text, int max) {
        if (width(text) <= max) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (used + w > max - 1) {
                break;
            }
            b.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return b.append('…').toString();
    }

    /** The columns {@code text} takes on a terminal (wide characters take two). */
    static int width(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }
}
