package io.jenkins.plugins.happyhorse.simulator.media;

import io.jenkins.plugins.happyhorse.simulator.http.ReplyBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A generated clip as served: the MP4 file on disk, optionally followed by a {@code free} box
 * of zeros that pads it to a configured size. The padding is produced while streaming and
 * never stored, so a 512 MB download costs no disk and no memory.
 *
 * @param file the MP4 file
 * @param fileLength the file's length
 * @param totalLength the served length (file plus padding box)
 */
public record Clip(Path file, long fileLength, long totalLength) {

    /** The smallest padding box: a plain box header. */
    static final int BOX_HEADER = 8;

    /** A clip padded to {@code padTo} bytes when that leaves room for a padding box. */
    static Clip of(Path file, long fileLength, long padTo) {
        long total = padTo - fileLength >= BOX_HEADER ? padTo : fileLength;
        return new Clip(file, fileLength, total);
    }

    /** The bytes from {@code first} to {@code last} inclusive, as a reply body. */
    public ReplyBody range(long first, long last) {
        if (first < 0 || last < first || last >= totalLength) {
            throw new IllegalArgumentException("range " + first + "-" + last + " outside 0-" + (totalLength - 1));
        }
        return new ReplyBody() {
            @Override
            public long length() {
                return last - first + 1;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                writeRange(out, first, last);
            }
        };
    }

    private void writeRange(OutputStream out, long first, long last) throws IOException {
        long position = first;
        byte[] buffer = new byte[64 * 1024];
        if (position < fileLength) {
            long end = Math.min(last + 1, fileLength);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(position);
                InputStream in = Channels.newInputStream(channel);
                long remaining = end - position;
                while (remaining > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (n < 0) {
                        throw new IOException("clip file is shorter than expected");
                    }
                    out.write(buffer, 0, n);
                    remaining -= n;
                }
            }
            position = end;
        }
        if (position > last) {
            return;
        }
        byte[] header = paddingHeader();
        while (position <= last && position < fileLength + header.length) {
            out.write(header[(int) (position - fileLength)]);
            position++;
        }
        java.util.Arrays.fill(buffer, (byte) 0);
        while (position <= last) {
            int n = (int) Math.min(buffer.length, last + 1 - position);
            out.write(buffer, 0, n);
            position += n;
        }
    }

    /** The padding box header: a 32-bit size, or size 1 and a 64-bit size when it is large. */
    private byte[] paddingHeader() {
        long size = totalLength - fileLength;
        if (size <= 0xFFFFFFFFL) {
            return new byte[] {
                (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size, 'f', 'r', 'e', 'e'
            };
        }
        byte[] header = new byte[16];
        header[3] = 1;
        header[4] = 'f';
        header[5] = 'r';
        header[6] = 'e';
        header[7] = 'e';
        for (int i = 0; i < 8; i++) {
            header[8 + i] = (byte) (size >>> (56 - 8 * i));
        }
        return header;
    }
}
