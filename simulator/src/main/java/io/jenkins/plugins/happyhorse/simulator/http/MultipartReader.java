package io.jenkins.plugins.happyhorse.simulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body part by part, streaming each part's content, so an
 * upload is never held in memory whole.
 */
public final class MultipartReader {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /**
     * One part.
     *
     * @param name the form field name
     * @param filename the file name sent with it, or null
     * @param contentType the part's content type, or null
     * @param content the part's bytes; read it before asking for the next part
     */
    public record Part(String name, String filename, String contentType, InputStream content) {}

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean finished;
    private PartStream current;

    private MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[64 * 1024 + delimiter.length];
        // The first boundary has no CRLF before it; pretend it had one so every delimiter looks alike.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /** A reader for a body whose {@code Content-Type} header is {@code contentType}, if multipart. */
    public static Optional<MultipartReader> of(String contentType, InputStream body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        return Optional.of(new MultipartReader(body, boundary));
    }

    /** The next part, or empty after the closing boundary. */
    public Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (!started) {
            started = true;
            try (PartStream preamble = new PartStream()) {
                preamble.skipAll();
            }
        } else if (current != null) {
            current.skipAll();
        }
        // After a delimiter: "--" closes the body, CRLF starts a part.
        if (!ensure(2)) {
            throw new IOException("multipart body ends after a boundary");
        }
        if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        skipLine();
        String name = null;
        String filename = null;
        String contentType = null;
        int headerBytes = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers are too long");
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                Matcher n = NAME.matcher(value);
                name = n.find() ? n.group(1) : null;
                Matcher f = FILENAME.matcher(value);
                filename = f.find() ? f.group(1) : null;
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        current = new PartStream();
        return Optional.of(new Part(name, filename, contentType, current));
    }

    private void skipLine() throws IOException {
        readLine();
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (!ensure(1)) {
                throw new IOException("multipart body ends inside part headers");
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            line.append((char) (b & 0xFF));
            if (line.length() > MAX_HEADER_BYTES) {
                throw new IOException("multipart header line is too long");
            }
        }
    }

    /** Makes at least {@code count} bytes available from {@code pos}; false at end of input. */
    private boolean ensure(int count) throws IOException {
        while (limit - pos < count) {
            if (eof) {
                return false;
            }
            if (pos > 0) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        return true;
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = pos; i <= limit - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A part's content: the bytes up to the next delimiter, which it then consumes. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int found = indexOfDelimiter();
                if (found == pos) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                }
                int available = found >= 0 ? found - pos : limit - pos - (delimiter.length - 1);
                if (available > 0) {
                    int n = Math.min(len, available);
                    System.arraycopy(buffer, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (!ensure(limit - pos + 1)) {
                    throw new IOException("multipart body ends without its closing boundary");
                }
            }
        }

        void skipAll() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }
}
