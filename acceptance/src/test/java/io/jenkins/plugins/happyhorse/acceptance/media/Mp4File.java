package io.jenkins.plugins.happyhorse.acceptance.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small reader of the ISO base media file format (MP4), written for this suite so that the
 * archived clip is checked independently of the engine's own verifier: the top-level boxes
 * ({@code ftyp} first, then {@code moov} and {@code mdat}), the movie's duration from
 * {@code mvhd}, and the video track's codec, picture size and sample count from its
 * {@code tkhd}, {@code mdhd} and {@code stbl}.
 *
 * @param boxes the top-level box types, in file order
 * @param majorBrand {@code ftyp}'s major brand
 * @param durationSeconds the movie's duration ({@code mvhd})
 * @param codec the video sample entry's format ({@code avc1} for H.264)
 * @param width the video's width in pixels (the sample entry's, checked against {@code tkhd})
 * @param height the video's height in pixels
 * @param videoSeconds the video track's own duration ({@code mdhd})
 * @param frames the video track's sample count ({@code stsz})
 */
public record Mp4File(
        List<String> boxes,
        String majorBrand,
        double durationSeconds,
        String codec,
        int width,
        int height,
        double videoSeconds,
        long frames) {

    /** Reads {@code bytes}; throws {@link IllegalArgumentException} saying what is wrong when it is not a playable MP4. */
    public static Mp4File read(byte[] bytes) {
        ByteBuffer file = ByteBuffer.wrap(bytes);
        List<Box> top = boxes(file, 0, bytes.length);
        List<String> types = top.stream().map(Box::type).toList();
        if (top.isEmpty() || !top.get(0).type().equals("ftyp")) {
            throw new IllegalArgumentException("not an MP4: the first box is "
                    + (top.isEmpty() ? "missing" : top.get(0).type()) + ", not ftyp");
        }
        Box ftyp = top.get(0);
        String brand = text(file, ftyp.payload(), 4);
        Box moov = find(top, "moov").orElseThrow(() -> new IllegalArgumentException("no moov box: " + types));
        find(top, "mdat").orElseThrow(() -> new IllegalArgumentException("no mdat box: " + types));
        List<Box> movie = boxes(file, moov.payload(), moov.end());
        Box mvhd = find(movie, "mvhd").orElseThrow(() -> new IllegalArgumentException("no mvhd in moov"));
        double duration = timing(file, mvhd.payload());
        for (Box trak : movie.stream().filter(b -> b.type().equals("trak")).toList()) {
            List<Box> track = boxes(file, trak.payload(), trak.end());
            Optional<Box> mdia = find(track, "mdia");
            if (mdia.isEmpty()) {
                continue;
            }
            List<Box> media = boxes(file, mdia.get().payload(), mdia.get().end());
            Box hdlr = find(media, "hdlr").orElseThrow(() -> new IllegalArgumentException("no hdlr in mdia"));
            if (!text(file, hdlr.payload() + 8, 4).equals("vide")) {
                continue;
            }
            Box mdhd = find(media, "mdhd").orElseThrow(() -> new IllegalArgumentException("no mdhd in mdia"));
            double videoSeconds = timing(file, mdhd.payload());
            Box tkhd = find(track, "tkhd").orElseThrow(() -> new IllegalArgumentException("no tkhd in trak"));
            int tkhdWidth = file.getInt(tkhd.end() - 8) >>> 16;
            int tkhdHeight = file.getInt(tkhd.end() - 4) >>> 16;
            Box minf = child(file, mdia.get(), "minf");
            Box stbl = child(file, minf, "stbl");
            Box stsd = child(file, stbl, "stsd");
            // stsd: version/flags (4), entry count (4), then the first sample entry box.
            int entry = stsd.payload() + 8;
            String codec = text(file, entry + 4, 4);
            // A visual sample entry: 6 reserved, 2 data reference index, 16 pre-defined/reserved, then width, height.
            int width = Short.toUnsignedInt(file.getShort(entry + 8 + 24));
            int height = Short.toUnsignedInt(file.getShort(entry + 8 + 26));
            if (width != tkhdWidth || height != tkhdHeight) {
                throw new IllegalArgumentException("the sample entry says " + width + "x" + height + ", tkhd says "
                        + tkhdWidth + "x" + tkhdHeight);
            }
            Box stsz = child(file, stbl, "stsz");
            long frames = Integer.toUnsignedLong(file.getInt(stsz.payload() + 8));
            return new Mp4File(types, brand, duration, codec, width, height, videoSeconds, frames);
        }
        throw new IllegalArgumentException("no video track in the MP4");
    }

    private record Box(String type, int start, int payload, int end) {}

    private static List<Box> boxes(ByteBuffer file, int from, int to) {
        List<Box> found = new ArrayList<>();
        int at = from;
        while (at + 8 <= to) {
            long size = Integer.toUnsignedLong(file.getInt(at));
            String type = text(file, at + 4, 4);
            int header = 8;
            if (size == 1) {
                size = file.getLong(at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) {
                throw new IllegalArgumentException("box " + type + " at " + at + " has a size of " + size
                        + " that does not fit in " + (to - at) + " bytes: the file is cut short or damaged");
            }
            found.add(new Box(type, at, at + header, (int) (at + size)));
            at += (int) size;
        }
        if (at != to) {
            throw new IllegalArgumentException((to - at) + " stray bytes after the last box at " + at);
        }
        return found;
    }

    private static Box child(ByteBuffer file, Box parent, String type) {
        return find(boxes(file, parent.payload(), parent.end()), type)
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " in " + parent.type()));
    }

    private static Optional<Box> find(List<Box> boxes, String type) {
        return boxes.stream().filter(b -> b.type().equals(type)).findFirst();
    }

    /** Duration over timescale of an mvhd or mdhd (version 0: 32-bit times, version 1: 64-bit). */
    private static double timing(ByteBuffer file, int payload) {
        int version = Byte.toUnsignedInt(file.get(payload));
        if (version == 1) {
            long timescale = Integer.toUnsignedLong(file.getInt(payload + 4 + 16));
            long duration = file.getLong(payload + 4 + 20);
            return (double) duration / timescale;
        }
        long timescale = Integer.toUnsignedLong(file.getInt(payload + 4 + 8));
        long duration = Integer.toUnsignedLong(file.getInt(payload + 4 + 12));
        return (double) duration / timescale;
    }

    private static String text(ByteBuffer file, int at, int length) {
        byte[] bytes = new byte[length];
        file.get(at, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
