package io.jenkins.plugins.happyhorse.client.http;

/**
 * How far a download has come: the bytes written so far and the length the reply announced. One
 * I/O thread writes it, anyone may read it (a progress display); an attempt that starts over (a
 * retry, a redirect hop) starts it over too. Thread-safe.
 */
public final class DownloadMeter {
    private volatile long bytes;
    private volatile long contentLength = -1;
    private volatile boolean started;

    /** A body began to arrive, announced as {@code contentLength} bytes (-1 when not announced). */
    void start(long announced) {
        bytes = 0;
        contentLength = announced;
        started = true;
    }

    /** {@code n} more bytes were written. */
    void add(long n) {
        bytes += n; // one writer: the I/O thread of the exchange
    }

    /** Whether a body has begun to arrive. */
    public boolean started() {
        return started;
    }

    /** Bytes written so far. */
    public long bytes() {
        return bytes;
    }

    /** The announced length in bytes, or -1 when the reply gave none. */
    public long contentLength() {
        return contentLength;
    }
}
