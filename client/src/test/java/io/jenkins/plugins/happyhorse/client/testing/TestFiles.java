package io.jenkins.plugins.happyhorse.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/** Small images and MP4 files built byte by byte for tests; their headers are whole. */
public final class TestFiles {
    private TestFiles() {}

    /**
     * A PNG of {@code size} bytes (at least 57): its signature, the {@code IHDR} header of a 16x16
     * picture, a private chunk of filler and the {@code IEND} chunk. Its header is whole, so it
     * passes inspection; its pixels are not there, which only a decoder would notice.
     */
    public static byte[] png(int size) {
        return png(size, 16, 16);
    }

    /** A PNG of {@code size} bytes (at least 57) whose header says {@code width} x {@code height}. */
    public static byte[] png(int size, int width, int height) {
        int filler = Math.max(size, 57) - 57;
        byte[] data = new byte[filler];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        byte[] ihdr = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .array();
        return concat(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                pngChunk("IHDR", ihdr),
                pngChunk("fILr", data),
                pngChunk("IEND", new byte[0]));
    }

    /** One PNG chunk: length, type, data and the CRC of type and data. */
    public static byte[] pngChunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return concat(int32(data.length), ascii(type), data, int32((int) crc.getValue()));
    }

    /** A JPEG of {@code size} bytes (at least 23): start, the frame header of a 16x16 picture, filler and end. */
    public static byte[] jpeg(int size) {
        byte[] sof = {(byte) 0xff, (byte) 0xc0, 0, 17, 8, 0, 16, 0, 16, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
        byte[] b = new byte[Math.max(size, 23)];
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xd8;
        System.arraycopy(sof, 0, b, 2, sof.length);
        b[b.length - 2] = (byte) 0xff;
        b[b.length - 1] = (byte) 0xd9;
        return b;
    }

    /** A lossless WEBP of {@code size} bytes (at least 25): the RIFF header, a 16x16 VP8L header and filler. */
    public static byte[] webp(int size) {
        byte[] b = new byte[Math.max(size, 25)];
        ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        w.put(ascii("RIFF")).putInt(b.length - 8).put(ascii("WEBP"));
        w.put(ascii("VP8L")).putInt(b.length - 20).put((byte) 0x2f).putInt(15 | (15 << 14));
        return b;
    }

    public static Path write(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    /**
     * A minimal MP4: ftyp, moov (mvhd with the duration, one video trak with tkhd width and height
     * and an hdlr 'vide'), and an mdat of {@code payload} bytes.
     */
    public static byte[] mp4(double seconds, int width, int height, int payload) {
        int timescale = 1000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, box("ftyp", concat(ascii("isom"), int32(512), ascii("isomiso2mp41"))));
        byte[] mvhd = new byte[100];
        ByteBuffer m = ByteBuffer.wrap(mvhd);
        m.putInt(0, 0);
        m.putInt(12, timescale);
        m.putInt(16, (int) Math.round(seconds * timescale));
        byte[] tkhd = new byte[84];
        ByteBuffer t = ByteBuffer.wrap(tkhd);
        t.putInt(0, 3);
        t.putInt(12, 1);
        t.putInt(76, width << 16);
        t.putInt(80, height << 16);
        byte[] hdlr = new byte[25];
        System.arraycopy(ascii("vide"), 0, hdlr, 8, 4);
        byte[] trak = box("trak", concat(box("tkhd", tkhd), box("mdia", box("hdlr", hdlr))));
        write(out, box("moov", concat(box("mvhd", mvhd), trak)));
        byte[] data = new byte[payload];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        write(out, box("mdat", data));
        return out.toByteArray();
    }

    public static byte[] box(String type, byte[] body) {
        return concat(int32(8 + body.length), ascii(type), body);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            write(out, p);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, byte[] b) {
        out.write(b, 0, b.length);
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
