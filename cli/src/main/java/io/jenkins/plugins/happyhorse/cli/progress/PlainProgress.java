package io.jenkins.plugins.happyhorse.cli.progress;

import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress for logs and pipes: one line per phase change and one when the job's id is known
 * (every event when verbose), each with the time since the start, e.g. {@code [  1.2s] waiting     submitted; prediction id 8f3c…}.
 */
final class PlainProgress implements Progress {
    private final PrintStream err;
    private final boolean verbose;
    private RenderPhase shown;

    PlainProgress(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void onEvent(RenderEvent event, Duration elapsed, boolean milestone) {
        if (!verbose && !milestone && event.phase() == shown) {
            return;
        }
        shown = event.phase();
        err.println(String.format(
                Locale.ROOT, "[%7s] %s %s", Durations.format(elapsed), Phases.padded(shown), event.message()));
    }

    @Override
    public void tick(Duration elapsed) {
        // Lines only on changes: a log must not fill up while a job waits.
    }

    @Override
    public void finish() {
        err.flush();
    }
}
