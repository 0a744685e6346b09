package io.jenkins.plugins.happyhorse.simulator.video;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds ISO base media (MP4) boxes in memory: {@link #open} starts a box, {@link #close}
 * fills in its size. Only for the small header boxes; sample data never goes through it.
 */
final class BoxWriter {
    private final Bytes bytes = new Bytes();
    private final Deque<Integer> openBoxes = new ArrayDeque<>();

    BoxWriter open(String type) {
        openBoxes.push(bytes.size());
        u32(0);
        fourCc(type);
        return this;
    }

    /** Opens a "full box": a box with a version byte and 24 bits of flags. */
    BoxWriter openFull(String type, int version, int flags) {
        open(type);
        u32((long) version << 24 | (flags & 0xFFFFFF));
        return this;
    }

    BoxWriter close() {
        int start = openBoxes.pop();
        bytes.patchInt(start, bytes.size() - start);
        return this;
    }

    BoxWriter u8(int value) {
        bytes.write(value);
        return this;
    }

    BoxWriter u16(int value) {
        bytes.write(value >>> 8);
        bytes.write(value);
        return this;
    }

    BoxWriter u32(long value) {
        bytes.write((int) (value >>> 24));
        bytes.write((int) (value >>> 16));
        bytes.write((int) (value >>> 8));
        bytes.write((int) value);
        return this;
    }

    BoxWriter fourCc(String type) {
        byte[] ascii = type.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length != 4) {
            throw new IllegalArgumentException("box type must have four characters: " + type);
        }
        bytes.write(ascii, 0, 4);
        return this;
    }

    BoxWriter bytes(byte[] data) {
        bytes.write(data, 0, data.length);
        return this;
    }

    BoxWriter zeros(int count) {
        for (int i = 0; i < count; i++) {
            bytes.write(0);
        }
        return this;
    }

    /** The unity transformation matrix of mvhd and tkhd. */
    BoxWriter unityMatrix() {
        return u32(0x00010000)
                .u32(0)
                .u32(0)
                .u32(0)
                .u32(0x00010000)
                .u32(0)
                .u32(0)
                .u32(0)
                .u32(0x40000000);
    }

    int size() {
        return bytes.size();
    }

    byte[] toByteArray() {
        if (!openBoxes.isEmpty()) {
            throw new IllegalStateException(openBoxes.size() + " boxes are still open");
        }
        return bytes.toByteArray();
    }

    /** A byte buffer whose already-written ints can be patched. */
    private static final class Bytes extends ByteArrayOutputStream {
        void patchInt(int position, int value) {
            buf[position] = (byte) (value >>> 24);
            buf[position + 1] = (byte) (value >>> 16);
            buf[position + 2] = (byte) (value >>> 8);
            buf[position + 3] = (byte) value;
        }
    }
}
