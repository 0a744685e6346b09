package io.jenkins.plugins.happyhorse.cli.progress;

import io.jenkins.plugins.happyhorse.client.engine.DownloadProgress;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.time.Duration;

/**
 * What the progress display shows at one moment. Times are engine-clock times, the host's time:
 * with the built-in simulator they run faster than the wall clock.
 *
 * @param phase the engine's phase
 * @param label the word for it, e.g. {@code uploading}, {@code submitted}, or the host's own status
 *     word while it has the job ({@code queued}, {@code processing})
 * @param message the latest event's sentence
 * @param elapsed since the command started
 * @param sinceSubmit since the job was submitted, or null before
 * @param expected how long the host is expected to take, or null when not known
 * @param download how far the download has come, or null before it
 * @param host the host's name, e.g. {@code WaveSpeed}
 * @param predictionId the host's id of the job, or null before it is known
 */
public record Snapshot(
        RenderPhase phase,
        String label,
        String message,
        Duration elapsed,
        Duration sinceSubmit,
        Duration expected,
        DownloadProgress download,
        String host,
        String predictionId) {

    /** Whether the host has the job and the command waits for it, or fetches the clip: heartbeats are due. */
    public boolean waiting() {
        return phase == RenderPhase.WAITING
                || phase == RenderPhase.DOWNLOADING
                || (phase == RenderPhase.SUBMITTING && predictionId != null);
    }
}
