package io.jenkins.plugins.happyhorse.simulator;

/**
 * Reads the luma plane of one IDR picture of the simulator's clips, which are made of I_PCM
 * macroblocks whose samples are stored raw: a test can then look at the pixels a viewer sees.
 * Independent of the writer: it parses the slice with {@link Mp4Probe}'s bit reader.
 */
final class PcmLuma {
    final int width;
    final int height;
    private final int stride;
    private final int[] samples;

    private PcmLuma(int width, int height, int stride, int[] samples) {
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.samples = samples;
    }

    /** The luma of IDR sample {@code index} (0-based) of the clip. */
    static PcmLuma of(Mp4Probe probe, int index) {
        Mp4Probe.Sps sps = probe.parseSps();
        byte[] nal = probe.sampleNal(index);
        if ((nal[0] & 31) != 5) {
            throw new IllegalArgumentException("sample " + index + " is not an IDR picture");
        }
        Mp4Probe.Bits bits = new Mp4Probe.Bits(Mp4Probe.unescape(nal, 1));
        bits.ue(); // first_mb_in_slice
        bits.ue(); // slice_type
        bits.ue(); // pic_parameter_set_id
        bits.u(sps.log2MaxFrameNum);
        bits.ue(); // idr_pic_id
        bits.u(1);
        bits.u(1);
        bits.se();
        bits.ue(); // disable_deblocking_filter_idc
        int stride = sps.widthMbs * 16;
        int[] plane = new int[stride * sps.heightMbs * 16];
        for (int mb = 0; mb < sps.widthMbs * sps.heightMbs; mb++) {
            if (bits.ue() != 25) {
                throw new IllegalStateException("macroblock " + mb + " is not I_PCM");
            }
            while (!bits.aligned()) {
                bits.u(1);
            }
            int x0 = (mb % sps.widthMbs) * 16;
            int y0 = (mb / sps.widthMbs) * 16;
            for (int i = 0; i < 256; i++) {
                plane[(y0 + i / 16) * stride + x0 + i % 16] = bits.u(8);
            }
            for (int i = 0; i < 128; i++) {
                bits.u(8); // chroma
            }
        }
        return new PcmLuma(sps.width(), sps.height(), stride, plane);
    }

    int at(int x, int y) {
        return samples[y * stride + x];
    }

    /** Share of the pixels in the rectangle whose luma is at least {@code threshold}. */
    double shareAtLeast(java.awt.Rectangle area, int threshold) {
        int count = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                if (at(x, y) >= threshold) {
                    count++;
                }
            }
        }
        return (double) count / (area.width * area.height);
    }
}
