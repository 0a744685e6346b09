package io.jenkins.plugins.happyhorse.cli.progress;

import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * Shows a render's progress, phase by phase. Only the command's own thread calls it (events are
 * handed over from the engine's threads), so implementations need no locking; they read no clock
 * and no terminal of their own, so what they print depends only on what they are given.
 */
public interface Progress {

    /** An event from the engine, and the snapshot after it. */
    void onEvent(RenderEvent event, Snapshot now);

    /** Time passed without an event. */
    void onTick(Snapshot now);

    /** The render is over; leave the output ready for the final lines. */
    void finish();

    /**
     * A line redrawn in place when a terminal watches, plain lines otherwise.
     *
     * @param columns the terminal's width now, asked at every redraw
     * @param verbose plain mode prints every event rather than one line per change
     */
    static Progress create(PrintStream err, boolean terminal, IntSupplier columns, boolean verbose) {
        return terminal ? new TerminalProgress(err, columns) : new PlainProgress(err, verbose);
    }
}
