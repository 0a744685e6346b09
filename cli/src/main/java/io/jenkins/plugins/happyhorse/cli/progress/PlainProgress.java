package io.jenkins.plugins.happyhorse.cli.progress;

import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress for logs and pipes: one line per change of what the display would say (a phase, the job
 * becoming known, the host's status word), one per uploaded image, and one every {@link #BEAT}
 * of engine-clock time while the host has the job or the clip downloads, each stamped with the
 * time since the command started, e.g. {@code [  1m00s] processing  1m00s of ~2m00s expected ·
 * WaveSpeed prediction 8f3c…}. A heartbeat is stamped with its own time, not with when it was
 * printed, so the lines do not depend on how fast the machine is.
 */
final class PlainProgress implements Progress {
    /** Engine-clock time between two heartbeat lines. */
    static final Duration BEAT = Duration.ofSeconds(30);

    private static final int LABEL = 11;

    private final PrintStream err;
    private final boolean verbose;
    private String shownLabel;
    private Snapshot last;
    private Duration nextBeat;

    PlainProgress(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void onEvent(RenderEvent event, Snapshot now) {
        beatsBefore(now.elapsed());
        boolean changed = !now.label().equals(shownLabel);
        // Each upload, and each step of the submit (sent; found in a host's history; its id) has a line.
        if (verbose || changed || event.phase() == RenderPhase.UPLOADING || event.phase() == RenderPhase.SUBMITTING) {
            line(now.elapsed(), now.label(), event.message());
            shownLabel = now.label();
        }
        remember(now);
    }

    @Override
    public void onTick(Snapshot now) {
        beatsBefore(now.elapsed());
        remember(now);
    }

    @Override
    public void finish() {
        err.flush();
    }

    private void remember(Snapshot now) {
        if (now.waiting() && (last == null || !last.waiting())) {
            // Heartbeats fall on multiples of the beat, the first one after the wait began.
            long beats = now.elapsed().toMillis() / BEAT.toMillis() + 1;
            nextBeat = BEAT.multipliedBy(beats);
        } else if (!now.waiting()) {
            nextBeat = null;
        }
        last = now;
    }

    /** A line for every heartbeat due before {@code until}, as things stood then. */
    private void beatsBefore(Duration until) {
        while (last != null && last.waiting() && nextBeat != null && nextBeat.compareTo(until) < 0) {
            Duration at = nextBeat;
            String detail;
            if (last.phase() != RenderPhase.DOWNLOADING && last.sinceSubmit() != null) {
                detail = Detail.waited(last, last.sinceSubmit().plus(at.minus(last.elapsed())));
            } else {
                detail = Detail.of(last);
            }
            line(at, last.label(), detail);
            nextBeat = nextBeat.plus(BEAT);
        }
    }

    private void line(Duration at, String label, String text) {
        err.println(String.format(
                Locale.ROOT, "[%7s] %-" + LABEL + "s %s", Durations.format(at), label, text.replaceAll("\\s+", " ")));
    }
}
