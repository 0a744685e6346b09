package io.jenkins.plugins.happyhorse.simulator.video;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes an MP4 file holding one H.264 video track: one IDR picture per {@link FrameSource},
 * evenly spread over the clip, with skipped P pictures in between, at
 * {@value #FRAMES_PER_SECOND} frames per second and exactly the requested duration.
 *
 * <p>The layout is ftyp, moov, mdat ("fast start"), which a browser can play while the file
 * still downloads. The moov box's size depends only on the number of samples, so its room is
 * reserved first, the samples are streamed into mdat, and the real moov is written into that
 * room at the end: the file is written once and only one frame is ever in memory.
 */
public final class Mp4ClipWriter {
    /** Pictures per second of every clip. */
    public static final int FRAMES_PER_SECOND = 10;

    private static final int TIMESCALE = 1000;
    private static final int SAMPLE_DELTA = TIMESCALE / FRAMES_PER_SECOND;

    private Mp4ClipWriter() {}

    /**
     * Writes the clip and returns its size in bytes.
     *
     * @param file the file to create or replace
     * @param size the display size
     * @param durationSeconds the clip's length, at least one second
     * @param sources the pictures, one segment each, in order (at least one, at most one per frame)
     */
    public static long write(Path file, PictureSize size, int durationSeconds, List<FrameSource> sources)
            throws IOException {
        int frameCount = durationSeconds * FRAMES_PER_SECOND;
        if (durationSeconds < 1 || sources.isEmpty() || sources.size() > frameCount) {
            throw new IllegalArgumentException(
                    "need 1.." + frameCount + " pictures and at least one second, got " + sources.size());
        }
        H264Encoder encoder = new H264Encoder(size);
        byte[] sps = encoder.sequenceParameterSet();
        byte[] pps = encoder.pictureParameterSet();
        int[] syncSamples = new int[sources.size()];
        for (int k = 0; k < syncSamples.length; k++) {
            syncSamples[k] = (int) ((long) k * frameCount / sources.size());
        }
        int[] sampleSizes = new int[frameCount];
        byte[] ftyp = fileType();
        int moovSize = movie(size, durationSeconds, sps, pps, sampleSizes, syncSamples, 0).length;

        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            CountingStream out =
                    new CountingStream(new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024));
            out.write(ftyp);
            out.write(new byte[moovSize]);
            long mdatStart = out.count;
            out.write(new byte[8]);
            int segment = -1;
            int frameNum = 0;
            for (int i = 0; i < frameCount; i++) {
                long sampleStart = out.count;
                out.write(new byte[4]); // length prefix, patched below
                long nalSize;
                if (segment + 1 < syncSamples.length && syncSamples[segment + 1] == i) {
                    segment++;
                    BufferedImage frame = sources.get(segment).paint(size);
                    nalSize = encoder.writeIdr(frame, segment, out);
                    frameNum = 0;
                } else {
                    frameNum++;
                    nalSize = encoder.writeSkippedP(frameNum, out);
                }
                out.flush();
                channel.write(ByteBuffer.allocate(4).putInt(0, Math.toIntExact(nalSize)), sampleStart);
                sampleSizes[i] = Math.toIntExact(4 + nalSize);
            }
            out.flush();
            long end = out.count;
            long mdatSize = end - mdatStart;
            ByteBuffer mdatHeader = ByteBuffer.allocate(8).putInt(Math.toIntExact(mdatSize));
            mdatHeader.put(4, (byte) 'm').put(5, (byte) 'd').put(6, (byte) 'a').put(7, (byte) 't');
            channel.write(mdatHeader.rewind(), mdatStart);
            byte[] moov = movie(size, durationSeconds, sps, pps, sampleSizes, syncSamples, mdatStart + 8);
            if (moov.length != moovSize) {
                throw new IllegalStateException("moov changed size: " + moovSize + " -> " + moov.length);
            }
            channel.write(ByteBuffer.wrap(moov), ftyp.length);
            return end;
        }
    }

    private static byte[] fileType() {
        return new BoxWriter()
                .open("ftyp")
                .fourCc("isom")
                .u32(0x200)
                .fourCc("isom")
                .fourCc("iso2")
                .fourCc("avc1")
                .fourCc("mp41")
                .close()
                .toByteArray();
    }

    private static byte[] movie(
            PictureSize size,
            int durationSeconds,
            byte[] sps,
            byte[] pps,
            int[] sampleSizes,
            int[] syncSamples,
            long firstChunkOffset) {
        long duration = (long) durationSeconds * TIMESCALE;
        BoxWriter box = new BoxWriter().open("moov");
        box.openFull("mvhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(duration);
        box.u32(0x00010000).u16(0x0100).zeros(10).unityMatrix().zeros(24).u32(2).close();

        box.open("trak");
        box.openFull("tkhd", 0, 3).u32(0).u32(0).u32(1).u32(0).u32(duration).zeros(8);
        box.u16(0).u16(0).u16(0).u16(0).unityMatrix();
        box.u32((long) size.width() << 16).u32((long) size.height() << 16).close();

        box.open("mdia");
        box.openFull("mdhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(duration);
        box.u16(0x55C4).u16(0).close(); // language "und"
        box.openFull("hdlr", 0, 0).u32(0).fourCc("vide").zeros(12);
        box.bytes("VideoHandler".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .u8(0)
                .close();

        box.open("minf");
        box.openFull("vmhd", 0, 1).u16(0).u16(0).u16(0).u16(0).close();
        box.open("dinf").openFull("dref", 0, 0).u32(1);
        box.openFull("url ", 0, 1).close().close().close();

        box.open("stbl");
        box.openFull("stsd", 0, 0).u32(1);
        box.open("avc1").zeros(6).u16(1).zeros(16);
        box.u16(size.width())
                .u16(size.height())
                .u32(0x00480000)
                .u32(0x00480000)
                .u32(0)
                .u16(1);
        box.zeros(32).u16(0x0018).u16(0xFFFF);
        box.open("avcC").u8(1).u8(sps[1]).u8(sps[2]).u8(sps[3]).u8(0xFF).u8(0xE1);
        box.u16(sps.length).bytes(sps).u8(1).u16(pps.length).bytes(pps).close();
        box.close().close(); // avc1, stsd

        box.openFull("stts", 0, 0)
                .u32(1)
                .u32(sampleSizes.length)
                .u32(SAMPLE_DELTA)
                .close();
        box.openFull("stss", 0, 0).u32(syncSamples.length);
        for (int sync : syncSamples) {
            box.u32(sync + 1L);
        }
        box.close();
        box.openFull("stsc", 0, 0).u32(1).u32(1).u32(sampleSizes.length).u32(1).close();
        box.openFull("stsz", 0, 0).u32(0).u32(sampleSizes.length);
        for (int sampleSize : sampleSizes) {
            box.u32(sampleSize);
        }
        box.close();
        box.openFull("stco", 0, 0).u32(1).u32(firstChunkOffset).close();
        box.close(); // stbl
        box.close(); // minf
        box.close(); // mdia
        box.close(); // trak
        return box.close().toByteArray();
    }

    /** Counts what passes through, so sample positions are known without asking the channel. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
