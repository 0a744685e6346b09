package io.jenkins.plugins.happyhorse.cli.run;

import io.jenkins.plugins.happyhorse.cli.host.RenderTarget;
import io.jenkins.plugins.happyhorse.cli.progress.Progress;
import io.jenkins.plugins.happyhorse.cli.progress.Snapshot;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderListener;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows one render (or resume, or download) to its end on the command's own thread: it hands
 * the engine's events to the progress display with a snapshot of where things stand, redraws
 * while nothing happens, stops the render on Ctrl-C, and gives up a minute after the wall-clock
 * timeout if the engine (which enforces the deadline itself) has not ended by then.
 */
public final class JobRun {
    /** Beyond the timeout, how long the command still waits for the engine to give up by itself. */
    private static final Duration GRACE = Duration.ofMinutes(1);

    private static final Object FINISHED = new Object();

    private final CliContext context;
    private final RenderTarget target;
    private final Progress progress;
    private final Instant started;
    /** Events from the engine's threads and the end of the render, for the command's own thread. */
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

    private RenderEvent lastEvent;
    private String hostStatus;

    public JobRun(CliContext context, RenderTarget target, Progress progress) {
        this.context = context;
        this.target = target;
        this.progress = progress;
        this.started = target.scheduler().now();
    }

    /** The listener to give the engine. */
    public RenderListener listener() {
        return inbox::add;
    }

    /**
     * Shows progress until the render is over (or Ctrl-C, or a minute past {@code wallClockTimeout})
     * and returns how it ended.
     */
    public Outcome await(RenderHandle handle, Duration wallClockTimeout) {
        handle.result().whenComplete((result, error) -> inbox.add(FINISHED));
        long startNanos = System.nanoTime();
        long limitNanos = wallClockTimeout.plus(GRACE).toNanos();
        long tickMillis = context.terminal() ? 125 : 1000;
        try (CtrlC.Registration registration = context.ctrlC().onPress(handle::cancel)) {
            while (true) {
                if (System.nanoTime() - startNanos > limitNanos) {
                    handle.cancel();
                    return Outcome.failed(
                            new DeadlineExceededException("The render did not finish within "
                                    + Durations.format(wallClockTimeout) + "; the job may still finish on the host."),
                            handle);
                }
                Object item;
                try {
                    item = inbox.poll(tickMillis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // Treated like Ctrl-C: stop waiting; the engine reports the cancellation.
                    Thread.currentThread().interrupt();
                    handle.cancel();
                    item = handle.result().isDone() ? FINISHED : null;
                    if (item == null) {
                        return Outcome.failed(new IllegalStateException("interrupted"), handle);
                    }
                }
                if (item == FINISHED) {
                    break;
                } else if (item instanceof RenderEvent event) {
                    onEvent(event, handle);
                } else {
                    progress.onTick(snapshot(handle));
                }
            }
        } finally {
            progress.finish();
        }
        try {
            RenderResult result = handle.result().join();
            return new Outcome(result, null, handle.phase(), handle.checkpoint().orElse(null));
        } catch (CompletionException e) {
            return Outcome.failed(e.getCause() == null ? e : e.getCause(), handle);
        }
    }

    private void onEvent(RenderEvent event, RenderHandle handle) {
        RenderEvent shown = event;
        if (target.simulated() && event.message().startsWith("cancelled")) {
            // The built-in simulator stops with the command: nothing runs on, nothing is billed.
            shown = new RenderEvent(event.phase(), event.elapsed(), "cancelled; the built-in simulator bills nothing");
        }
        String id = handle.checkpoint().map(RenderCheckpoint::predictionId).orElse(null);
        String prefix = "prediction " + id + " is ";
        if (event.phase() == RenderPhase.WAITING
                && id != null
                && event.message().startsWith(prefix)) {
            hostStatus = event.message().substring(prefix.length()).strip();
        }
        lastEvent = shown;
        progress.onEvent(shown, snapshot(handle, event.phase(), event.elapsed()));
    }

    private Snapshot snapshot(RenderHandle handle) {
        Instant now = target.scheduler().now();
        // The last event's phase, and its sentence; but the wait and the download, which have
        // no event of their own for long stretches, show as soon as the engine is in them.
        RenderPhase phase = lastEvent == null ? handle.phase() : lastEvent.phase();
        RenderPhase live = handle.phase();
        if ((live == RenderPhase.WAITING || live == RenderPhase.DOWNLOADING) && live.compareTo(phase) > 0) {
            phase = live;
        }
        return snapshot(handle, phase, Duration.between(started, now));
    }

    private Snapshot snapshot(RenderHandle handle, RenderPhase phase, Duration elapsed) {
        RenderCheckpoint at = handle.checkpoint().orElse(null);
        String id = at == null ? null : at.predictionId();
        Duration sinceSubmit = null;
        Duration expected = null;
        if (at != null) {
            sinceSubmit = Duration.between(at.submittedAt(), started.plus(elapsed));
            if (sinceSubmit.isNegative()) {
                sinceSubmit = Duration.ZERO;
            }
            expected = at.expected().map(target::expectedProcessing).orElse(null);
        }
        return new Snapshot(
                phase,
                label(phase, id),
                lastEvent == null ? "starting" : lastEvent.message(),
                elapsed.isNegative() ? Duration.ZERO : elapsed,
                sinceSubmit,
                expected,
                handle.downloadProgress().orElse(null),
                target.provider().displayName(),
                id);
    }

    private String label(RenderPhase phase, String id) {
        return switch (phase) {
            case VALIDATING -> "checking";
            case SUBMITTING -> id == null ? "submitting" : "submitted";
            case WAITING -> hostStatus != null ? hostStatus.toLowerCase(Locale.ROOT) : "waiting";
            default -> phase.name().toLowerCase(Locale.ROOT);
        };
    }
}
