package io.jenkins.plugins.happyhorse.client.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A request body streamed from a file through a {@link FileChannel} in 64 KiB chunks, optionally
 * framed by a few bytes before and after (the multipart preamble and epilogue), with the exact
 * {@code Content-Length} announced up front. Memory does not grow with the file. One instance
 * serves one attempt; the file is opened on the first write and closed when done or failed.
 */
public final class FileEntityProducer implements AsyncEntityProducer {
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final long fileSize;
    private final byte[] prefix;
    private final byte[] suffix;
    private final String contentType;

    private FileChannel channel;
    private ByteBuffer buffer;
    private int stage;
    private long fileRead;
    private long remaining;
    private boolean ended;

    /**
     * @param file the file to send
     * @param fileSize its size, checked while sending (a file that changes size fails the upload)
     * @param prefix bytes sent before the file (may be empty)
     * @param suffix bytes sent after the file (may be empty)
     * @param contentType the {@code Content-Type}, or null to send none
     */
    public FileEntityProducer(Path file, long fileSize, byte[] prefix, byte[] suffix, String contentType) {
        this.file = file;
        this.fileSize = fileSize;
        this.prefix = prefix.clone();
        this.suffix = suffix.clone();
        this.contentType = contentType;
        this.remaining = prefix.length + fileSize + suffix.length;
    }

    /** The plain file as the whole body. */
    public static FileEntityProducer of(Path file, long fileSize, String contentType) {
        return new FileEntityProducer(file, fileSize, new byte[0], new byte[0], contentType);
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public long getContentLength() {
        return prefix.length + fileSize + suffix.length;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return false;
    }

    @Override
    public Set<String> getTrailerNames() {
        return Set.of();
    }

    @Override
    public int available() {
        return ended ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public void produce(DataStreamChannel out) throws IOException {
        while (!ended) {
            if (buffer == null || !buffer.hasRemaining()) {
                if (!fill()) {
                    ended = true;
                    close();
                    out.endStream();
                    return;
                }
            }
            int n = out.write(buffer);
            remaining -= n;
            if (buffer.hasRemaining()) {
                // The connection is full; we are called again when it can take more.
                return;
            }
        }
    }

    /** Loads the next piece into {@code buffer}; false when everything was sent. */
    private boolean fill() throws IOException {
        while (stage < 3) {
            switch (stage) {
                case 0 -> {
                    stage = 1;
                    if (prefix.length > 0) {
                        buffer = ByteBuffer.wrap(prefix);
                        return true;
                    }
                }
                case 1 -> {
                    if (fileRead < fileSize) {
                        readFileChunk();
                        return true;
                    }
                    stage = 2;
                    close();
                }
                default -> {
                    stage = 3;
                    if (suffix.length > 0) {
                        buffer = ByteBuffer.wrap(suffix);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void readFileChunk() throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new LocalFileException(
                        file, "can no longer be read (" + e.getClass().getSimpleName() + ")", e);
            }
            if (channel.size() != fileSize) {
                throw new LocalFileException(file, "changed size while being uploaded", null);
            }
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, fileSize - fileRead));
        while (chunk.hasRemaining()) {
            int n = channel.read(chunk);
            if (n < 0) {
                throw new LocalFileException(file, "ended early while being uploaded", null);
            }
        }
        chunk.flip();
        fileRead += chunk.remaining();
        buffer = chunk;
    }

    @Override
    public void failed(Exception cause) {
        close();
    }

    @Override
    public void releaseResources() {
        close();
    }

    private void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Read-only channel: nothing to lose.
            }
            channel = null;
        }
    }
}
