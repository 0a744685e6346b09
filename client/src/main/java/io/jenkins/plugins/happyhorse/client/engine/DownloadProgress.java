package io.jenkins.plugins.happyhorse.client.engine;

/**
 * How far a clip's download has come.
 *
 * @param bytes bytes received so far
 * @param totalBytes the length the host announced, or -1 when it announced none
 */
public record DownloadProgress(long bytes, long totalBytes) {
    /** Whether the total is known. */
    public boolean totalKnown() {
        return totalBytes >= 0;
    }
}
