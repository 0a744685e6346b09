package io.jenkins.plugins.happyhorse.client.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the few facts of an MP4 file that tell whether it is the clip that was asked for: the
 * {@code ftyp} box, the {@code moov}/{@code mvhd} duration and the video track's {@code tkhd}
 * width and height. It walks box headers with small positional reads, so it never loads the file,
 * and it refuses a file whose boxes do not add up to its length (a truncated download).
 */
public final class Mp4Inspector {
    private static final int MAX_DEPTH = 8;
    private static final int MAX_BOXES = 100_000;

    private final FileChannel channel;
    private final long size;
    private int boxesSeen;

    private String majorBrand;
    private boolean moovSeen;
    private double duration = -1;
    private int videoWidth = -1;
    private int videoHeight = -1;
    private int anyWidth = -1;
    private int anyHeight = -1;

    private Mp4Inspector(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /**
     * Inspects {@code file}.
     *
     * @throws NotMp4Exception when the file is not a complete MP4 with a video track
     * @throws IOException when it cannot be read
     */
    public static Mp4Info inspect(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Mp4Inspector inspector = new Mp4Inspector(channel, channel.size());
            return inspector.run();
        }
    }

    private Mp4Info run() throws IOException {
        if (size < 16) {
            throw new NotMp4Exception("the file has only " + size + " bytes");
        }
        walk(0, size, 0, null);
        if (majorBrand == null) {
            throw new NotMp4Exception("it does not start with an ftyp box");
        }
        if (!moovSeen) {
            throw new NotMp4Exception("it has no moov box (movie header)");
        }
        if (duration < 0) {
            throw new NotMp4Exception("its moov box has no mvhd duration");
        }
        int width = videoWidth > 0 ? videoWidth : anyWidth;
        int height = videoHeight > 0 ? videoHeight : anyHeight;
        if (width <= 0 || height <= 0) {
            throw new NotMp4Exception("it has no video track with a picture size");
        }
        return new Mp4Info(majorBrand, duration, width, height, size);
    }

    /** Walks the boxes in [start, end); {@code trak} collects its tkhd size and handler type. */
    private void walk(long start, long end, int depth, TrackFacts track) throws IOException {
        long pos = start;
        while (pos < end) {
            if (++boxesSeen > MAX_BOXES) {
                throw new NotMp4Exception("it has too many boxes");
            }
            if (end - pos < 8) {
                throw new NotMp4Exception("a box header at byte " + pos + " is cut off");
            }
            ByteBuffer header = read(pos, 16);
            long boxSize = Integer.toUnsignedLong(header.getInt(0));
            String type = fourCc(header, 4);
            int headerLength = 8;
            if (boxSize == 1) {
                if (header.limit() < 16) {
                    throw new NotMp4Exception("a box header at byte " + pos + " is cut off");
                }
                boxSize = header.getLong(8);
                headerLength = 16;
            } else if (boxSize == 0) {
                boxSize = end - pos;
            }
            if (boxSize < headerLength || pos + boxSize > end) {
                throw new NotMp4Exception("box '" + printable(type) + "' at byte " + pos + " claims " + boxSize
                        + " bytes but only " + (end - pos) + " remain (truncated or corrupt)");
            }
            if (depth == 0 && pos == 0) {
                if (!type.equals("ftyp")) {
                    throw new NotMp4Exception("it starts with '" + printable(type) + "' instead of an ftyp box");
                }
                majorBrand = fourCc(read(pos + headerLength, 4), 0);
            }
            long body = pos + headerLength;
            long bodyEnd = pos + boxSize;
            switch (type) {
                case "moov" -> {
                    if (depth == 0) {
                        moovSeen = true;
                    }
                    descend(body, bodyEnd, depth, null);
                }
                case "trak" -> {
                    TrackFacts facts = new TrackFacts();
                    descend(body, bodyEnd, depth, facts);
                    facts.apply(this);
                }
                case "mdia" -> descend(body, bodyEnd, depth, track);
                case "mvhd" -> readMvhd(body, bodyEnd);
                case "tkhd" -> {
                    if (track != null) {
                        readTkhd(body, bodyEnd, track);
                    }
                }
                case "hdlr" -> {
                    if (track != null && bodyEnd - body >= 12) {
                        track.handler = fourCc(read(body + 8, 4), 0);
                    }
                }
                default -> {
                    // Other boxes (mdat, free, udta, ...) are skipped without reading them.
                }
            }
            pos = bodyEnd;
        }
    }

    private void descend(long body, long bodyEnd, int depth, TrackFacts track) throws IOException {
        if (depth + 1 > MAX_DEPTH) {
            throw new NotMp4Exception("its boxes are nested too deeply");
        }
        walk(body, bodyEnd, depth + 1, track);
    }

    private void readMvhd(long body, long bodyEnd) throws IOException {
        ByteBuffer b = read(body, (int) Math.min(32, bodyEnd - body));
        if (b.limit() < 20) {
            throw new NotMp4Exception("its mvhd box is too short");
        }
        int version = b.get(0) & 0xff;
        long timescale;
        long units;
        if (version == 1) {
            if (b.limit() < 32) {
                throw new NotMp4Exception("its mvhd box is too short");
            }
            timescale = Integer.toUnsignedLong(b.getInt(20));
            units = b.getLong(24);
        } else {
            timescale = Integer.toUnsignedLong(b.getInt(12));
            units = Integer.toUnsignedLong(b.getInt(16));
        }
        if (timescale == 0) {
            throw new NotMp4Exception("its mvhd time scale is zero");
        }
        duration = (double) units / timescale;
    }

    private void readTkhd(long body, long bodyEnd, TrackFacts track) throws IOException {
        ByteBuffer b = read(body, (int) Math.min(96, bodyEnd - body));
        int version = b.get(0) & 0xff;
        // Width and height are the last two 16.16 fixed-point fields of the box.
        int offset = version == 1 ? 88 : 76;
        if (b.limit() < offset + 8) {
            throw new NotMp4Exception("its tkhd box is too short");
        }
        track.width = b.getInt(offset) >>> 16;
        track.height = b.getInt(offset + 4) >>> 16;
    }

    private ByteBuffer read(long position, int length) throws IOException {
        int wanted = (int) Math.min(length, size - position);
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, wanted));
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        buffer.flip();
        return buffer;
    }

    private static String fourCc(ByteBuffer b, int offset) {
        if (b.limit() < offset + 4) {
            return "";
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = b.get(offset + i);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : "(binary)";
    }

    /** What one trak box says about itself. */
    private static final class TrackFacts {
        String handler;
        int width;
        int height;

        void apply(Mp4Inspector inspector) {
            if (width <= 0 || height <= 0) {
                return;
            }
            if ("vide".equals(handler) && inspector.videoWidth <= 0) {
                inspector.videoWidth = width;
                inspector.videoHeight = height;
            } else if (inspector.anyWidth <= 0) {
                inspector.anyWidth = width;
                inspector.anyHeight = height;
            }
        }
    }

    /** The file is not a complete, readable MP4 clip; the message says why. */
    public static final class NotMp4Exception extends IOException {
        private static final long serialVersionUID = 1L;

        public NotMp4Exception(String message) {
            super(message);
        }
    }
}
