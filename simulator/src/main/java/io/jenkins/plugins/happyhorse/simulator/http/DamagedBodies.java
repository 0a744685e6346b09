package io.jenkins.plugins.happyhorse.simulator.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Reply bodies damaged on purpose, for the corrupt-body and truncated-body faults. */
final class DamagedBodies {
    private static final int SCRAMBLED_PREFIX = 4096;

    private DamagedBodies() {}

    /**
     * Writes the first half of {@code body} to {@code out} and stops: a reply whose announced length
     * is never met.
     */
    static void writeHalf(ReplyBody body, OutputStream out) throws IOException {
        try {
            body.writeTo(new CappedOutputStream(out, body.length() / 2));
        } catch (CappedOutputStream.CapReached expected) {
            // Half the body is out; the caller closes the exchange with the length unmet.
        }
    }

    /** {@code body} with bits flipped in its first {@value #SCRAMBLED_PREFIX} bytes, its length unchanged. */
    static ReplyBody scrambled(ReplyBody body) {
        return new ReplyBody() {
            @Override
            public long length() {
                return body.length();
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                body.writeTo(new ScramblingOutputStream(out));
            }
        };
    }

    /** Flips bits in the first {@value #SCRAMBLED_PREFIX} bytes; the length stays right. */
    private static final class ScramblingOutputStream extends FilterOutputStream {
        private long position;

        ScramblingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(position++ < SCRAMBLED_PREFIX ? b ^ 0x5A : b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (position >= SCRAMBLED_PREFIX) {
                out.write(b, off, len);
                position += len;
                return;
            }
            byte[] copy = new byte[len];
            for (int i = 0; i < len; i++) {
                copy[i] = (byte) (position + i < SCRAMBLED_PREFIX ? b[off + i] ^ 0x5A : b[off + i]);
            }
            out.write(copy, 0, len);
            position += len;
        }
    }

    /** Passes at most {@code cap} bytes, then stops the writer with {@link CapReached}. */
    private static final class CappedOutputStream extends FilterOutputStream {
        private long remaining;

        CappedOutputStream(OutputStream out, long cap) {
            super(out);
            this.remaining = cap;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int allowed = (int) Math.min(len, remaining);
            out.write(b, off, allowed);
            remaining -= allowed;
            if (remaining == 0) {
                out.flush();
                throw new CapReached();
            }
        }

        static final class CapReached extends IOException {
            private static final long serialVersionUID = 1L;

            CapReached() {
                super("body cut short on purpose");
            }
        }
    }
}
