package io.jenkins.plugins.happyhorse.client.spec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Reads a reference image once, front to back, and returns its {@link ImageFacts}: the format by
 * its leading bytes, the picture's width and height from its header (PNG {@code IHDR}, JPEG
 * {@code SOF}, WEBP {@code VP8}/{@code VP8L}/{@code VP8X}), its length and the SHA-256 of its
 * bytes. Memory does not grow with the image.
 *
 * <p>A header that ends early, a PNG whose {@code IHDR} fails its checksum or that ends before
 * its {@code IEND} chunk, a WEBP shorter than its RIFF header announces, or a JPEG whose image
 * data starts before its frame header is refused: a host would refuse it too, after the upload.
 * A JPEG is judged by its header alone, because bytes after its end marker are common in
 * ordinary photos.
 *
 * <p>It works on any stream, so an image can be inspected where it lives (a build agent's
 * workspace) and only its facts sent on.
 */
public final class ImageInspector {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};
    private static final int BUFFER = 64 * 1024;

    private ImageInspector() {}

    /**
     * Reads {@code file} once.
     *
     * @throws IOException when the file cannot be read
     * @throws UnreadableImageException when it is not a png, jpeg or webp image, or a truncated or
     *     corrupt one
     */
    public static ImageFacts inspect(Path file) throws IOException, UnreadableImageException {
        try (InputStream in = Files.newInputStream(file)) {
            return inspect(in);
        }
    }

    /**
     * Reads {@code in} to its end (it is not closed).
     *
     * @throws IOException when the stream fails
     * @throws UnreadableImageException when it is not a png, jpeg or webp image, or a truncated or
     *     corrupt one
     */
    public static ImageFacts inspect(InputStream in) throws IOException, UnreadableImageException {
        Source source = new Source(new BufferedInputStream(in, BUFFER));
        byte[] head = source.peek(ImageFormat.SNIFF_LENGTH);
        ImageFormat format = ImageFormat.sniff(head, head.length)
                .orElseThrow(() -> new UnreadableImageException("its bytes are not a png, jpeg or webp image"));
        int[] size;
        long announced = -1;
        switch (format) {
            case PNG -> size = png(source);
            case JPEG -> size = jpeg(source);
            default -> {
                announced = littleEndian(head, 4, 4) + 8L;
                size = webp(source);
            }
        }
        source.drain();
        if (format == ImageFormat.PNG && !Arrays.equals(source.tail(), PNG_IEND)) {
            throw truncated(format, "it ends before its IEND chunk");
        }
        if (announced > source.count()) {
            throw truncated(format, "its RIFF header announces " + announced + " bytes, it has " + source.count());
        }
        return new ImageFacts(format, size[0], size[1], source.count(), source.sha256());
    }

    private static int[] png(Source source) throws IOException, UnreadableImageException {
        byte[] header = source.readExactly(8 + 4 + 4 + 13 + 4, ImageFormat.PNG);
        if (bigEndian(header, 8, 4) != 13 || !ascii(header, 12, 4).equals("IHDR")) {
            throw corrupt(ImageFormat.PNG, "it does not start with an IHDR header");
        }
        CRC32 crc = new CRC32();
        crc.update(header, 12, 4 + 13);
        if (crc.getValue() != bigEndian(header, 29, 4)) {
            throw corrupt(ImageFormat.PNG, "its IHDR header fails its checksum");
        }
        return picture(ImageFormat.PNG, bigEndian(header, 16, 4), bigEndian(header, 20, 4));
    }

    private static int[] jpeg(Source source) throws IOException, UnreadableImageException {
        source.readExactly(2, ImageFormat.JPEG); // the start-of-image marker, sniffed already
        while (true) {
            if (source.readByte(ImageFormat.JPEG) != 0xff) {
                throw corrupt(ImageFormat.JPEG, "a marker is missing between its segments");
            }
            int marker;
            do {
                marker = source.readByte(ImageFormat.JPEG);
            } while (marker == 0xff);
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
                continue; // markers without a length
            }
            if (marker == 0xd9 || marker == 0xda) {
                throw corrupt(ImageFormat.JPEG, "its image data starts before its frame header");
            }
            byte[] length = source.readExactly(2, ImageFormat.JPEG);
            long segment = bigEndian(length, 0, 2);
            if (segment < 2) {
                throw corrupt(ImageFormat.JPEG, "a segment has an impossible length");
            }
            if (isStartOfFrame(marker)) {
                byte[] frame = source.readExactly(5, ImageFormat.JPEG);
                return picture(ImageFormat.JPEG, bigEndian(frame, 3, 2), bigEndian(frame, 1, 2));
            }
            source.skipExactly(segment - 2, ImageFormat.JPEG);
        }
    }

    /** SOF0 to SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    private static int[] webp(Source source) throws IOException, UnreadableImageException {
        byte[] riff = source.readExactly(12 + 8, ImageFormat.WEBP);
        String chunk = ascii(riff, 12, 4);
        switch (chunk) {
            case "VP8 " -> {
                byte[] frame = source.readExactly(10, ImageFormat.WEBP);
                if ((frame[3] & 0xff) != 0x9d || (frame[4] & 0xff) != 0x01 || (frame[5] & 0xff) != 0x2a) {
                    throw corrupt(ImageFormat.WEBP, "its VP8 frame lacks its start code");
                }
                return picture(
                        ImageFormat.WEBP, littleEndian(frame, 6, 2) & 0x3fff, littleEndian(frame, 8, 2) & 0x3fff);
            }
            case "VP8L" -> {
                byte[] frame = source.readExactly(5, ImageFormat.WEBP);
                if ((frame[0] & 0xff) != 0x2f) {
                    throw corrupt(ImageFormat.WEBP, "its VP8L data lacks its signature");
                }
                long bits = littleEndian(frame, 1, 4);
                return picture(ImageFormat.WEBP, (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
            }
            case "VP8X" -> {
                byte[] canvas = source.readExactly(10, ImageFormat.WEBP);
                return picture(ImageFormat.WEBP, littleEndian(canvas, 4, 3) + 1, littleEndian(canvas, 7, 3) + 1);
            }
            default -> throw corrupt(ImageFormat.WEBP, "it does not start with a VP8, VP8L or VP8X chunk");
        }
    }

    private static int[] picture(ImageFormat format, long width, long height) throws UnreadableImageException {
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw corrupt(format, "its header gives a picture of " + width + "x" + height + " pixels");
        }
        return new int[] {(int) width, (int) height};
    }

    private static UnreadableImageException truncated(ImageFormat format, String detail) {
        return new UnreadableImageException("the " + name(format) + " image is truncated (" + detail + ")");
    }

    private static UnreadableImageException corrupt(ImageFormat format, String detail) {
        return new UnreadableImageException("the " + name(format) + " image is corrupt (" + detail + ")");
    }

    private static String name(ImageFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    private static long bigEndian(byte[] b, int offset, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | (b[offset + i] & 0xff);
        }
        return v;
    }

    private static long littleEndian(byte[] b, int offset, int length) {
        long v = 0;
        for (int i = length - 1; i >= 0; i--) {
            v = (v << 8) | (b[offset + i] & 0xff);
        }
        return v;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * The bytes of the image, each read once: a few held back after {@link #peek}, every one
     * counted and hashed as it arrives, the last twelve kept for the PNG end check.
     */
    private static final class Source {
        private final InputStream in;
        private final MessageDigest sha = CanonicalDigest.sha256();
        private final byte[] tail = new byte[PNG_IEND.length];
        private int tailLength;
        private long count;
        private byte[] pending = new byte[0];
        private int pendingAt;

        Source(InputStream in) {
            this.in = in;
        }

        /** Up to {@code n} leading bytes, which later reads return again. */
        byte[] peek(int n) throws IOException {
            byte[] b = new byte[n];
            int read = 0;
            while (read < n) {
                int r = fromStream(b, read, n - read);
                if (r < 0) {
                    break;
                }
                read += r;
            }
            pending = Arrays.copyOf(b, read);
            pendingAt = 0;
            return pending.clone();
        }

        int readByte(ImageFormat format) throws IOException, UnreadableImageException {
            return readExactly(1, format)[0] & 0xff;
        }

        byte[] readExactly(int n, ImageFormat format) throws IOException, UnreadableImageException {
            byte[] b = new byte[n];
            int read = 0;
            while (read < n) {
                int r = read(b, read, n - read);
                if (r < 0) {
                    throw truncated(format, "it ends inside its header");
                }
                read += r;
            }
            return b;
        }

        void skipExactly(long n, ImageFormat format) throws IOException, UnreadableImageException {
            byte[] b = new byte[(int) Math.min(BUFFER, Math.max(1, n))];
            long left = n;
            while (left > 0) {
                int r = read(b, 0, (int) Math.min(b.length, left));
                if (r < 0) {
                    throw truncated(format, "it ends inside its header");
                }
                left -= r;
            }
        }

        /** Reads what is left, for the length, the digest and the tail. */
        void drain() throws IOException {
            pendingAt = pending.length;
            byte[] b = new byte[BUFFER];
            while (fromStream(b, 0, b.length) >= 0) {
                // counted and hashed by fromStream
            }
        }

        private int read(byte[] b, int off, int len) throws IOException {
            if (pendingAt < pending.length) {
                int n = Math.min(len, pending.length - pendingAt);
                System.arraycopy(pending, pendingAt, b, off, n);
                pendingAt += n;
                return n;
            }
            return fromStream(b, off, len);
        }

        private int fromStream(byte[] b, int off, int len) throws IOException {
            int r = in.read(b, off, len);
            if (r > 0) {
                sha.update(b, off, r);
                count += r;
                keepTail(b, off, r);
            }
            return r;
        }

        private void keepTail(byte[] b, int off, int r) {
            if (r >= tail.length) {
                System.arraycopy(b, off + r - tail.length, tail, 0, tail.length);
                tailLength = tail.length;
                return;
            }
            int keep = Math.min(tailLength, tail.length - r);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            System.arraycopy(b, off, tail, keep, r);
            tailLength = keep + r;
        }

        byte[] tail() {
            return Arrays.copyOf(tail, tailLength);
        }

        long count() {
            return count;
        }

        String sha256() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
