package io.jenkins.plugins.happyhorse.cli.progress;

import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.cli.text.Sizes;
import io.jenkins.plugins.happyhorse.client.engine.DownloadProgress;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.time.Duration;

/** The short sentences the display builds from a snapshot (waiting against the expected time, bytes of total). */
final class Detail {
    private Detail() {}

    /** What a waiting job or a download looks like now; the event's sentence otherwise. */
    static String of(Snapshot s) {
        if (s.phase() == RenderPhase.WAITING && s.sinceSubmit() != null) {
            return waited(s, s.sinceSubmit());
        }
        if (s.phase() == RenderPhase.DOWNLOADING && s.download() != null) {
            return bytes(s.download());
        }
        return s.message();
    }

    /** E.g. {@code 1m10s of ~2m00s expected · WaveSpeed prediction 9d88…}. */
    static String waited(Snapshot s, Duration sinceSubmit) {
        String time = Durations.format(sinceSubmit)
                + (s.expected() == null ? " since submitted" : " of ~" + Durations.format(s.expected()) + " expected");
        return time + (s.predictionId() == null ? "" : " · " + s.host() + " prediction " + s.predictionId());
    }

    /** E.g. {@code downloaded 1.2 MB of 2.7 MB}. */
    static String bytes(DownloadProgress d) {
        return "downloaded " + Sizes.bytes(d.bytes()) + (d.totalKnown() ? " of " + Sizes.bytes(d.totalBytes()) : "");
    }

    /** How far along the render is, 0 to 1: by phase, and within waiting and downloading by time and bytes. */
    static double fraction(Snapshot s) {
        double[] starts = {0, 0.02, 0.05, 0.15, 0.2, 0.85, 0.97, 1};
        int i = s.phase().ordinal();
        double start = starts[i];
        double end = i + 1 < starts.length ? starts[i + 1] : 1;
        double within = 0;
        if (s.phase() == RenderPhase.WAITING && s.sinceSubmit() != null && s.expected() != null) {
            // Never full while the host still has it: the expected time is only an expectation.
            within = Math.min(
                    0.95,
                    (double) s.sinceSubmit().toMillis()
                            / Math.max(1, s.expected().toMillis()));
        } else if (s.phase() == RenderPhase.DOWNLOADING
                && s.download() != null
                && s.download().totalKnown()) {
            within = Math.min(
                    1, (double) s.download().bytes() / Math.max(1, s.download().totalBytes()));
        }
        return start + (end - start) * within;
    }
}
