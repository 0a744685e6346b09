package io.jenkins.plugins.happyhorse.simulator.http;

import java.io.IOException;
import java.io.OutputStream;

/** The body of a reply: its exact length up front, its bytes streamed on demand. */
public interface ReplyBody {

    /** The body's length in bytes. */
    long length();

    /** Writes exactly {@link #length()} bytes. */
    void writeTo(OutputStream out) throws IOException;

    /** A body held in memory (small JSON replies). */
    static ReplyBody of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new ReplyBody() {
            @Override
            public long length() {
                return copy.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(copy);
            }
        };
    }

    /** No body at all. */
    static ReplyBody empty() {
        return of(new byte[0]);
    }
}
