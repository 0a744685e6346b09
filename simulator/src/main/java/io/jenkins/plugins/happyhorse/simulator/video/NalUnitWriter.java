package io.jenkins.plugins.happyhorse.simulator.video;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one H.264 NAL unit: its header byte, then the RBSP bit by bit, inserting an
 * emulation-prevention byte wherever two zero bytes would be followed by a byte of 0 to 3.
 *
 * <p>Bytes are staged in a small buffer and handed to the underlying stream in blocks, so a
 * frame of several megabytes costs no per-byte stream calls. {@link #finish()} must be called
 * once the RBSP (including its trailing bits) is complete.
 */
final class NalUnitWriter {
    private final OutputStream out;
    private final byte[] staged = new byte[64 * 1024];
    private int stagedCount;
    private long size;
    private int zeroRun;
    private int pendingBits;
    private int pendingCount;

    NalUnitWriter(OutputStream out, int nalRefIdc, int nalUnitType) throws IOException {
        this.out = out;
        // The header byte never needs escaping: forbidden_zero_bit, nal_ref_idc, nal_unit_type.
        stage((nalRefIdc & 3) << 5 | (nalUnitType & 31));
        zeroRun = 0;
    }

    /** Writes the {@code count} low bits of {@code value}, most significant first. */
    void bits(long value, int count) throws IOException {
        for (int i = count - 1; i >= 0; i--) {
            bit((int) (value >>> i) & 1);
        }
    }

    void bit(int bit) throws IOException {
        pendingBits = pendingBits << 1 | (bit & 1);
        pendingCount++;
        if (pendingCount == 8) {
            emit(pendingBits);
            pendingBits = 0;
            pendingCount = 0;
        }
    }

    /** Unsigned Exp-Golomb code, ue(v). */
    void ue(long value) throws IOException {
        long codeNum = value + 1;
        int length = 64 - Long.numberOfLeadingZeros(codeNum);
        bits(0, length - 1);
        bits(codeNum, length);
    }

    /** Signed Exp-Golomb code, se(v). */
    void se(long value) throws IOException {
        ue(value > 0 ? 2 * value - 1 : -2 * value);
    }

    boolean aligned() {
        return pendingCount == 0;
    }

    /** Pads with zero bits up to the next byte boundary (pcm_alignment_zero_bit and the like). */
    void alignWithZeros() throws IOException {
        while (!aligned()) {
            bit(0);
        }
    }

    /** Writes one whole byte; the writer must be byte-aligned. */
    void alignedByte(int value) throws IOException {
        emit(value & 0xFF);
    }

    /** rbsp_trailing_bits(): a stop bit, then zeros up to the byte boundary. */
    void trailingBits() throws IOException {
        bit(1);
        alignWithZeros();
    }

    /** Flushes staged bytes; returns the NAL unit's size in bytes, escapes included. */
    long finish() throws IOException {
        if (!aligned()) {
            throw new IllegalStateException("NAL unit ends between bytes; trailing bits are missing");
        }
        flushStaged();
        return size;
    }

    private void emit(int value) throws IOException {
        if (zeroRun >= 2 && value <= 3) {
            stage(3);
            zeroRun = 0;
        }
        stage(value);
        zeroRun = value == 0 ? zeroRun + 1 : 0;
    }

    private void stage(int value) throws IOException {
        if (stagedCount == staged.length) {
            flushStaged();
        }
        staged[stagedCount++] = (byte) value;
        size++;
    }

    private void flushStaged() throws IOException {
        out.write(staged, 0, stagedCount);
        stagedCount = 0;
    }
}
