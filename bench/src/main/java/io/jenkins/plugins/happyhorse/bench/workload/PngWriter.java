package io.jenkins.plugins.happyhorse.bench.workload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * Writes valid RGB PNG files of noise without compression: the pixel rows go into stored
 * (uncompressed) deflate blocks, written here directly, so the file size follows exactly from the
 * picture size ({@link #estimatedSize}) and a 20 MB reference image is streamed to disk without
 * being held in memory.
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int MAX_STORED_BLOCK = 65_535;

    private PngWriter() {}

    /** Writes a {@code width × height} noise picture to {@code file}; returns its size in bytes. */
    public static long write(Path file, int width, int height, long seed) throws IOException {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a picture needs at least one pixel");
        }
        long raw = rawSize(width, height);
        long zlibSize = 2 + raw + 5 * blocks(raw) + 4;
        if (zlibSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("picture too large for one IDAT chunk: " + width + "×" + height);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(SIGNATURE);
            byte[] header = new byte[13];
            putInt(header, 0, width);
            putInt(header, 4, height);
            header[8] = 8; // bits per sample
            header[9] = 2; // RGB
            chunk(out, "IHDR", header);
            writeImageData(out, (int) zlibSize, width, height, raw, seed);
            chunk(out, "IEND", new byte[0]);
        }
        return Files.size(file);
    }

    /** The side of the largest square picture whose file is at most {@code bytes}. */
    public static int sideForSize(long bytes) {
        int side = (int) Math.sqrt(bytes / 3.0) + 1;
        while (side > 1 && estimatedSize(side, side) > bytes) {
            side--;
        }
        return side;
    }

    /** The exact size of the file {@link #write} produces for this picture size. */
    public static long estimatedSize(int width, int height) {
        long raw = rawSize(width, height);
        long zlib = 2 + raw + 5 * blocks(raw) + 4;
        return SIGNATURE.length + (12 + 13) + (12 + zlib) + 12;
    }

    private static long rawSize(int width, int height) {
        return (long) height * (3L * width + 1);
    }

    private static long blocks(long raw) {
        return (raw + MAX_STORED_BLOCK - 1) / MAX_STORED_BLOCK;
    }

    /** One IDAT chunk holding a zlib stream of stored blocks; CRC and Adler-32 computed on the way. */
    private static void writeImageData(OutputStream out, int length, int width, int height, long raw, long seed)
            throws IOException {
        CRC32 crc = new CRC32();
        byte[] lengthBytes = new byte[4];
        putInt(lengthBytes, 0, length);
        out.write(lengthBytes);
        byte[] type = "IDAT".getBytes(StandardCharsets.US_ASCII);
        out.write(type);
        crc.update(type);
        byte[] zlibHeader = {0x78, 0x01};
        out.write(zlibHeader);
        crc.update(zlibHeader);

        Adler32 adler = new Adler32();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] row = new byte[3 * width + 1];
        byte[] block = new byte[MAX_STORED_BLOCK];
        int filled = 0;
        long written = 0;
        for (int y = 0; y < height; y++) {
            random.nextBytes(row);
            row[0] = 0; // filter: none
            adler.update(row);
            for (int offset = 0; offset < row.length; ) {
                int n = Math.min(row.length - offset, block.length - filled);
                System.arraycopy(row, offset, block, filled, n);
                filled += n;
                offset += n;
                if (filled == block.length && written + filled < raw) {
                    storedBlock(out, crc, block, filled, false);
                    written += filled;
                    filled = 0;
                }
            }
        }
        storedBlock(out, crc, block, filled, true);
        byte[] trailer = new byte[4];
        putInt(trailer, 0, (int) adler.getValue());
        out.write(trailer);
        crc.update(trailer);
        putInt(trailer, 0, (int) crc.getValue());
        out.write(trailer);
    }

    private static void storedBlock(OutputStream out, CRC32 crc, byte[] data, int n, boolean last) throws IOException {
        byte[] head = {(byte) (last ? 1 : 0), (byte) n, (byte) (n >>> 8), (byte) ~n, (byte) (~n >>> 8)};
        out.write(head);
        crc.update(head);
        out.write(data, 0, n);
        crc.update(data, 0, n);
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.write(length);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.write(sum);
    }

    private static void putInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }
}
