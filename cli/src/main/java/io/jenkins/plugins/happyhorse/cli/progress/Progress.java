package io.jenkins.plugins.happyhorse.cli.progress;

import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows a render's progress. Only the command's own thread calls it (events are handed over from
 * the engine's threads), so implementations need no locking.
 */
public interface Progress {

    /**
     * An event from the engine, with the wall-clock time since the command started.
     *
     * @param milestone whether the event must be shown even without a phase change (the job's id
     *     became known: the one fact a user needs if the wait is interrupted)
     */
    void onEvent(RenderEvent event, Duration elapsed, boolean milestone);

    /** Time passed without an event; a progress bar redraws its clock. */
    void tick(Duration elapsed);

    /** The render is over; leave the output ready for the final line. */
    void finish();

    /**
     * A progress bar redrawn in place when a terminal watches, plain lines otherwise.
     *
     * @param columns the terminal's width
     * @param verbose plain mode prints every event rather than one line per phase
     */
    static Progress create(PrintStream err, boolean terminal, int columns, boolean verbose) {
        return terminal ? new TerminalProgress(err, columns) : new PlainProgress(err, verbose);
    }
}
