package io.jenkins.plugins.happyhorse.client.http;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Streams a 2xx body into an existing file (the caller creates it) through a {@link FileChannel},
 * chunk by chunk as it arrives, so memory does not grow with the file. Refuses bodies over a size
 * cap, before writing when the length is announced and as soon as the cap is passed otherwise. A
 * non-2xx reply is kept as a short text for the message instead.
 */
final class FileDownloadConsumer extends AbstractBinResponseConsumer<DownloadResult> {
    private static final int MAX_ERROR_BODY = 8 * 1024;

    private final Path file;
    private final long maxBytes;
    private final URI url;
    private final DownloadMeter meter;
    private FileChannel channel;
    private int status;
    private long contentLength = -1;
    private String location;
    private long written;
    private final StringBuilder errorBody = new StringBuilder();

    FileDownloadConsumer(Path file, long maxBytes, URI url, DownloadMeter meter) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.url = url;
        this.meter = meter;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws IOException {
        status = response.getCode();
        if (response.getFirstHeader("Location") != null) {
            location = response.getFirstHeader("Location").getValue();
        }
        if (status < 200 || status >= 300) {
            return;
        }
        if (response.getFirstHeader("Content-Length") != null) {
            try {
                contentLength = Long.parseLong(
                        response.getFirstHeader("Content-Length").getValue().strip());
            } catch (NumberFormatException e) {
                contentLength = -1;
            }
        }
        if (contentLength > maxBytes) {
            throw new DownloadTooLargeException(contentLength, maxBytes);
        }
        // Never CREATE: the engine creates the file before the download, and once the render has
        // ended and removed it, a late reply must not bring it back.
        channel = FileChannel.open(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        meter.start(contentLength);
    }

    @Override
    protected int capacityIncrement() {
        return 256 * 1024;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        if (channel == null) {
            if (errorBody.length() < MAX_ERROR_BODY && src.hasRemaining()) {
                byte[] bytes = new byte[Math.min(src.remaining(), MAX_ERROR_BODY - errorBody.length())];
                src.get(bytes);
                errorBody.append(new String(bytes, StandardCharsets.UTF_8));
            }
            src.position(src.limit());
            return;
        }
        written += src.remaining();
        if (written > maxBytes) {
            throw new DownloadTooLargeException(written, maxBytes);
        }
        int n = src.remaining();
        while (src.hasRemaining()) {
            channel.write(src);
        }
        meter.add(n);
        if (endOfStream) {
            channel.force(false);
        }
    }

    @Override
    protected DownloadResult buildResult() {
        closeQuietly();
        return new DownloadResult(status, file, written, contentLength, location, url, errorBody.toString());
    }

    @Override
    public void failed(Exception cause) {
        closeQuietly();
    }

    @Override
    public void releaseResources() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing after a failure: the caller deletes the file anyway.
            }
            channel = null;
        }
    }

    /** The body is larger than the configured cap. */
    static final class DownloadTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        final long bytes;
        final long max;

        DownloadTooLargeException(long bytes, long max) {
            super("the download has at least " + bytes + " bytes, more than the limit of " + max);
            this.bytes = bytes;
            this.max = max;
        }
    }
}
