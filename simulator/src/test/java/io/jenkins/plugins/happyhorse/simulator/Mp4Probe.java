package io.jenkins.plugins.happyhorse.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent, test-only reader of the MP4 files the simulator writes: box tree, movie and
 * track headers, sample tables, avcC with its SPS/PPS, and the first slices' headers. It shares
 * nothing with the writer, so a mistake on one side shows up as a mismatch.
 */
final class Mp4Probe {
    final byte[] data;
    final List<String> topLevel = new ArrayList<>();
    String majorBrand;
    final List<String> compatibleBrands = new ArrayList<>();
    long movieTimescale;
    long movieDuration;
    long trackWidth;
    long trackHeight;
    long mediaTimescale;
    long mediaDuration;
    String handler;
    int entryWidth;
    int entryHeight;
    int avcProfile;
    int avcCompatibility;
    int avcLevel;
    int nalLengthSize;
    byte[] sps;
    byte[] pps;
    long sttsCount;
    long sttsDelta;
    final List<Long> syncSamples = new ArrayList<>();
    final List<Long> sampleSizes = new ArrayList<>();
    long chunkOffset;
    long samplesPerChunk;
    long mdatOffset;
    long mdatSize;

    Mp4Probe(byte[] data) {
        this.data = data;
        walk(0, data.length, "");
    }

    private void walk(long start, long end, String parent) {
        long pos = start;
        while (pos + 8 <= end) {
            long size = u32(pos);
            String type = new String(data, (int) pos + 4, 4, StandardCharsets.US_ASCII);
            int header = 8;
            if (size == 1) {
                size = ByteBuffer.wrap(data, (int) pos + 8, 8).getLong();
                header = 16;
            } else if (size == 0) {
                size = end - pos;
            }
            if (size < header || pos + size > end) {
                throw new IllegalStateException("box " + type + " at " + pos + " has a bad size " + size);
            }
            String path = parent.isEmpty() ? type : parent + "/" + type;
            if (parent.isEmpty()) {
                topLevel.add(type);
            }
            box(path, pos + header, pos + size, pos, size);
            pos += size;
        }
        if (pos != end) {
            throw new IllegalStateException("boxes under '" + parent + "' overrun by " + (pos - end));
        }
    }

    private void box(String path, long body, long end, long boxStart, long boxSize) {
        switch (path) {
            case "moov", "moov/trak", "moov/trak/mdia", "moov/trak/mdia/minf", "moov/trak/mdia/minf/stbl" ->
                walk(body, end, path);
            case "ftyp" -> {
                majorBrand = fourCc(body);
                for (long p = body + 8; p < end; p += 4) {
                    compatibleBrands.add(fourCc(p));
                }
            }
            case "moov/mvhd" -> {
                movieTimescale = u32(body + 12);
                movieDuration = u32(body + 16);
            }
            case "moov/trak/tkhd" -> {
                trackWidth = u32(body + 76) >> 16;
                trackHeight = u32(body + 80) >> 16;
            }
            case "moov/trak/mdia/mdhd" -> {
                mediaTimescale = u32(body + 12);
                mediaDuration = u32(body + 16);
            }
            case "moov/trak/mdia/hdlr" -> handler = fourCc(body + 8);
            case "moov/trak/mdia/minf/stbl/stsd" -> {
                long entry = body + 8;
                if (!fourCc(entry + 4).equals("avc1")) {
                    throw new IllegalStateException("sample entry is " + fourCc(entry + 4));
                }
                long visual = entry + 8;
                entryWidth = u16(visual + 24);
                entryHeight = u16(visual + 26);
                long avcC = visual + 78;
                if (!fourCc(avcC + 4).equals("avcC")) {
                    throw new IllegalStateException("no avcC after the visual sample entry");
                }
                long p = avcC + 8;
                avcProfile = u8(p + 1);
                avcCompatibility = u8(p + 2);
                avcLevel = u8(p + 3);
                nalLengthSize = (u8(p + 4) & 3) + 1;
                int spsCount = u8(p + 5) & 31;
                p += 6;
                for (int i = 0; i < spsCount; i++) {
                    int len = u16(p);
                    sps = slice(p + 2, len);
                    p += 2 + len;
                }
                int ppsCount = u8(p);
                p += 1;
                for (int i = 0; i < ppsCount; i++) {
                    int len = u16(p);
                    pps = slice(p + 2, len);
                    p += 2 + len;
                }
            }
            case "moov/trak/mdia/minf/stbl/stts" -> {
                if (u32(body + 4) != 1) {
                    throw new IllegalStateException("expected one stts entry");
                }
                sttsCount = u32(body + 8);
                sttsDelta = u32(body + 12);
            }
            case "moov/trak/mdia/minf/stbl/stss" -> {
                long n = u32(body + 4);
                for (int i = 0; i < n; i++) {
                    syncSamples.add(u32(body + 8 + 4L * i));
                }
            }
            case "moov/trak/mdia/minf/stbl/stsc" -> samplesPerChunk = u32(body + 12);
            case "moov/trak/mdia/minf/stbl/stsz" -> {
                long n = u32(body + 8);
                for (int i = 0; i < n; i++) {
                    sampleSizes.add(u32(body + 12 + 4L * i));
                }
            }
            case "moov/trak/mdia/minf/stbl/stco" -> chunkOffset = u32(body + 8);
            case "mdat" -> {
                mdatOffset = boxStart;
                mdatSize = boxSize;
            }
            default -> {
                // other boxes are not checked
            }
        }
    }

    /** Sample {@code index} (0-based): the NAL unit without its length prefix. */
    byte[] sampleNal(int index) {
        long offset = chunkOffset;
        for (int i = 0; i < index; i++) {
            offset += sampleSizes.get(i);
        }
        long length = u32(offset);
        if (length + 4 != sampleSizes.get(index)) {
            throw new IllegalStateException("sample " + index + " length prefix disagrees with stsz");
        }
        return slice(offset + 4, (int) length);
    }

    /** The parsed SPS. */
    Sps parseSps() {
        return new Sps(new Bits(unescape(sps, 1)), sps[0] & 31);
    }

    static final class Sps {
        final int nalType;
        final int profile;
        final int constraints;
        final int level;
        final int log2MaxFrameNum;
        final int pocType;
        final int widthMbs;
        final int heightMbs;
        final boolean frameMbsOnly;
        final int cropLeft;
        final int cropRight;
        final int cropTop;
        final int cropBottom;

        Sps(Bits b, int nalType) {
            this.nalType = nalType;
            profile = b.u(8);
            constraints = b.u(8);
            level = b.u(8);
            b.ue(); // sps id
            log2MaxFrameNum = b.ue() + 4;
            pocType = b.ue();
            if (pocType == 0) {
                b.ue();
            }
            b.ue(); // max_num_ref_frames
            b.u(1);
            widthMbs = b.ue() + 1;
            heightMbs = b.ue() + 1;
            frameMbsOnly = b.u(1) == 1;
            b.u(1);
            if (b.u(1) == 1) {
                cropLeft = b.ue();
                cropRight = b.ue();
                cropTop = b.ue();
                cropBottom = b.ue();
            } else {
                cropLeft = cropRight = cropTop = cropBottom = 0;
            }
        }

        int width() {
            return widthMbs * 16 - 2 * (cropLeft + cropRight);
        }

        int height() {
            return heightMbs * 16 - 2 * (cropTop + cropBottom);
        }
    }

    /** Removes emulation-prevention bytes from a NAL unit, skipping its header bytes. */
    static byte[] unescape(byte[] nal, int skip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int zeros = 0;
        for (int i = skip; i < nal.length; i++) {
            int b = nal[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    /** An RBSP bit reader with Exp-Golomb codes. */
    static final class Bits {
        private final byte[] rbsp;
        private long position;

        Bits(byte[] rbsp) {
            this.rbsp = rbsp;
        }

        int u(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                int bit = rbsp[(int) (position >> 3)] >> (7 - (position & 7)) & 1;
                value = value << 1 | bit;
                position++;
            }
            return value;
        }

        int ue() {
            int zeros = 0;
            while (u(1) == 0) {
                zeros++;
            }
            return (1 << zeros) - 1 + u(zeros);
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }

        boolean aligned() {
            return (position & 7) == 0;
        }

        long bitPosition() {
            return position;
        }

        int byteAt(long bytePosition) {
            return rbsp[(int) bytePosition] & 0xFF;
        }

        int length() {
            return rbsp.length;
        }
    }

    private byte[] slice(long offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(data, (int) offset, out, 0, length);
        return out;
    }

    private String fourCc(long offset) {
        return new String(data, (int) offset, 4, StandardCharsets.US_ASCII);
    }

    private int u8(long offset) {
        return data[(int) offset] & 0xFF;
    }

    private int u16(long offset) {
        return (u8(offset) << 8) | u8(offset + 1);
    }

    long u32(long offset) {
        return ((long) u8(offset) << 24)
                | ((long) u8(offset + 1) << 16)
                | ((long) u8(offset + 2) << 8)
                | u8(offset + 3);
    }
}
