package io.jenkins.plugins.happyhorse.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small images and MP4 files built byte by byte for tests. */
public final class TestFiles {
    private TestFiles() {}

    /** The first bytes of a PNG followed by filler. */
    public static byte[] png(int size) {
        byte[] b = new byte[Math.max(size, 16)];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, b, 0, magic.length);
        for (int i = magic.length; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    public static byte[] jpeg(int size) {
        byte[] b = new byte[Math.max(size, 16)];
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xd8;
        b[2] = (byte) 0xff;
        b[3] = (byte) 0xe0;
        return b;
    }

    public static byte[] webp(int size) {
        byte[] b = new byte[Math.max(size, 16)];
        byte[] riff = "RIFF".getBytes(StandardCharsets.US_ASCII);
        byte[] webp = "WEBP".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(riff, 0, b, 0, 4);
        System.arraycopy(webp, 0, b, 8, 4);
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
