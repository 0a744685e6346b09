package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.http.DownloadMeter;
import java.util.Optional;

/**
 * How far a clip's download has come.
 *
 * @param bytes bytes received so far
 * @param totalBytes the length the host announced, or -1 when it announced none
 */
public record DownloadProgress(long bytes, long totalBytes) {
    /** How far {@code meter}'s download has come, or empty before it started. */
    static Optional<DownloadProgress> of(DownloadMeter meter) {
        return meter.started()
                ? Optional.of(new DownloadProgress(meter.bytes(), meter.contentLength()))
                : Optional.empty();
    }

    /** Whether the total is known. */
    public boolean totalKnown() {
        return totalBytes >= 0;
    }
}
