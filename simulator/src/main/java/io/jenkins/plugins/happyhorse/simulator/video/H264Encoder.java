package io.jenkins.plugins.happyhorse.simulator.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A deliberately tiny H.264 encoder (Constrained Baseline profile, CAVLC) that is enough to
 * show still pictures as a playable clip.
 *
 * <p>An IDR picture is made only of I_PCM macroblocks (mb_type 25 in an I slice): the raw
 * 4:2:0 samples, no prediction and no transform, so any decoder reproduces the picture
 * exactly. The pictures in between are P slices whose macroblocks are all skipped (one
 * mb_skip_run), which repeat the previous picture at a cost of a few bytes each. When the
 * picture is not a multiple of 16 pixels the SPS crops the padding away.
 *
 * <p>Samples are read straight from one {@code TYPE_INT_RGB} frame and converted to BT.601
 * limited-range YCbCr macroblock by macroblock, so no second copy of the frame exists.
 */
public final class H264Encoder {
    /** profile_idc of the Baseline profile; constraint_set1 makes it Constrained Baseline. */
    static final int PROFILE_BASELINE = 66;
    /** constraint_set0_flag and constraint_set1_flag set, the others clear. */
    static final int CONSTRAINT_FLAGS = 0xC0;

    private static final int LOG2_MAX_FRAME_NUM = 8;
    private static final int I_PCM_MB_TYPE_IN_I_SLICE = 25;
    private static final int SLICE_TYPE_P_ALL = 5;
    private static final int SLICE_TYPE_I_ALL = 7;
    private static final int NAL_SLICE = 1;
    private static final int NAL_IDR_SLICE = 5;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private final PictureSize size;
    private final int widthInMbs;
    private final int heightInMbs;
    private final int levelIdc;

    /** An encoder for pictures of the given display size. */
    public H264Encoder(PictureSize size) {
        this.size = size;
        this.widthInMbs = (size.width() + 15) / 16;
        this.heightInMbs = (size.height() + 15) / 16;
        this.levelIdc = levelFor(widthInMbs * heightInMbs);
    }

    /** The display size this encoder writes. */
    public PictureSize size() {
        return size;
    }

    /** The level_idc signalled in the SPS (the smallest whose frame-size limit fits). */
    public int levelIdc() {
        return levelIdc;
    }

    /** Macroblocks in one picture. */
    public int macroblocks() {
        return widthInMbs * heightInMbs;
    }

    /** The sequence parameter set NAL unit (header byte included, no start code). */
    public byte[] sequenceParameterSet() {
        return nalBytes(NAL_SPS, 3, nal -> {
            nal.bits(PROFILE_BASELINE, 8);
            nal.bits(CONSTRAINT_FLAGS, 8);
            nal.bits(levelIdc, 8);
            nal.ue(0); // seq_parameter_set_id
            nal.ue(LOG2_MAX_FRAME_NUM - 4);
            nal.ue(2); // pic_order_cnt_type 2: output order is decoding order, no POC fields
            nal.ue(1); // max_num_ref_frames
            nal.bit(0); // gaps_in_frame_num_value_allowed_flag
            nal.ue(widthInMbs - 1);
            nal.ue(heightInMbs - 1);
            nal.bit(1); // frame_mbs_only_flag
            nal.bit(1); // direct_8x8_inference_flag
            int cropRight = (widthInMbs * 16 - size.width()) / 2;
            int cropBottom = (heightInMbs * 16 - size.height()) / 2;
            boolean cropping = cropRight != 0 || cropBottom != 0;
            nal.bit(cropping ? 1 : 0);
            if (cropping) {
                // Offsets count in crop units of two samples for 4:2:0 frames.
                nal.ue(0);
                nal.ue(cropRight);
                nal.ue(0);
                nal.ue(cropBottom);
            }
            nal.bit(0); // vui_parameters_present_flag
            nal.trailingBits();
        });
    }

    /** The picture parameter set NAL unit (header byte included, no start code). */
    public byte[] pictureParameterSet() {
        return nalBytes(NAL_PPS, 3, nal -> {
            nal.ue(0); // pic_parameter_set_id
            nal.ue(0); // seq_parameter_set_id
            nal.bit(0); // entropy_coding_mode_flag: CAVLC
            nal.bit(0); // bottom_field_pic_order_in_frame_present_flag
            nal.ue(0); // num_slice_groups_minus1
            nal.ue(0); // num_ref_idx_l0_default_active_minus1
            nal.ue(0); // num_ref_idx_l1_default_active_minus1
            nal.bit(0); // weighted_pred_flag
            nal.bits(0, 2); // weighted_bipred_idc
            nal.se(0); // pic_init_qp_minus26
            nal.se(0); // pic_init_qs_minus26
            nal.se(0); // chroma_qp_index_offset
            nal.bit(1); // deblocking_filter_control_present_flag: lets slices switch it off
            nal.bit(0); // constrained_intra_pred_flag
            nal.bit(0); // redundant_pic_cnt_present_flag
            nal.trailingBits();
        });
    }

    /**
     * Writes one IDR picture of I_PCM macroblocks showing {@code frame}.
     *
     * @param frame a {@code TYPE_INT_RGB} image of exactly the display size
     * @param idrPicId differs between consecutive IDR pictures
     * @return the NAL unit's size in bytes
     */
    public long writeIdr(BufferedImage frame, int idrPicId, OutputStream out) throws IOException {
        if (frame.getType() != BufferedImage.TYPE_INT_RGB
                || frame.getWidth() != size.width()
                || frame.getHeight() != size.height()) {
            throw new IllegalArgumentException("frame must be TYPE_INT_RGB of " + size);
        }
        int[] rgb = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
        NalUnitWriter nal = new NalUnitWriter(out, 3, NAL_IDR_SLICE);
        nal.ue(0); // first_mb_in_slice
        nal.ue(SLICE_TYPE_I_ALL);
        nal.ue(0); // pic_parameter_set_id
        nal.bits(0, LOG2_MAX_FRAME_NUM); // frame_num is 0 on an IDR picture
        nal.ue(idrPicId & 0xFFFF);
        nal.bit(0); // no_output_of_prior_pics_flag
        nal.bit(0); // long_term_reference_flag
        nal.se(0); // slice_qp_delta
        nal.ue(1); // disable_deblocking_filter_idc: PCM needs no filtering
        int[] cb = new int[64];
        int[] cr = new int[64];
        for (int mbY = 0; mbY < heightInMbs; mbY++) {
            for (int mbX = 0; mbX < widthInMbs; mbX++) {
                nal.ue(I_PCM_MB_TYPE_IN_I_SLICE);
                nal.alignWithZeros(); // pcm_alignment_zero_bit
                writePcmMacroblock(nal, rgb, mbX * 16, mbY * 16, cb, cr);
            }
        }
        nal.trailingBits();
        return nal.finish();
    }

    /**
     * Writes one P picture whose macroblocks are all skipped: it repeats the previous picture.
     *
     * @param frameNum the picture's number since the last IDR picture (1, 2, ...)
     * @return the NAL unit's size in bytes
     */
    public long writeSkippedP(int frameNum, OutputStream out) throws IOException {
        NalUnitWriter nal = new NalUnitWriter(out, 2, NAL_SLICE);
        nal.ue(0); // first_mb_in_slice
        nal.ue(SLICE_TYPE_P_ALL);
        nal.ue(0); // pic_parameter_set_id
        nal.bits(frameNum % (1 << LOG2_MAX_FRAME_NUM), LOG2_MAX_FRAME_NUM);
        nal.bit(0); // num_ref_idx_active_override_flag
        nal.bit(0); // ref_pic_list_modification_flag_l0
        nal.bit(0); // adaptive_ref_pic_marking_mode_flag: sliding window
        nal.se(0); // slice_qp_delta
        nal.ue(1); // disable_deblocking_filter_idc
        nal.ue(macroblocks()); // mb_skip_run covering the whole picture
        nal.trailingBits();
        return nal.finish();
    }

    private void writePcmMacroblock(NalUnitWriter nal, int[] rgb, int x0, int y0, int[] cb, int[] cr)
            throws IOException {
        int width = size.width();
        int maxX = width - 1;
        int maxY = size.height() - 1;
        for (int y = 0; y < 16; y++) {
            int row = Math.min(y0 + y, maxY) * width;
            for (int x = 0; x < 16; x++) {
                int p = rgb[row + Math.min(x0 + x, maxX)];
                nal.alignedByte(sample(luma(p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF)));
            }
        }
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    int row = Math.min(y0 + 2 * y + dy, maxY) * width;
                    for (int dx = 0; dx < 2; dx++) {
                        int p = rgb[row + Math.min(x0 + 2 * x + dx, maxX)];
                        r += p >> 16 & 0xFF;
                        g += p >> 8 & 0xFF;
                        b += p & 0xFF;
                    }
                }
                r = (r + 2) / 4;
                g = (g + 2) / 4;
                b = (b + 2) / 4;
                cb[y * 8 + x] = sample(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
                cr[y * 8 + x] = sample(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
            }
        }
        for (int v : cb) {
            nal.alignedByte(v);
        }
        for (int v : cr) {
            nal.alignedByte(v);
        }
    }

    /** BT.601 limited-range luma of an RGB triple. */
    static int luma(int r, int g, int b) {
        return ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
    }

    /** Keeps PCM samples in 1..255: early editions of the standard forbade 0, some decoders still do. */
    private static int sample(int value) {
        return Math.max(1, Math.min(255, value));
    }

    private static int levelFor(int frameMbs) {
        // (level_idc, MaxFS in macroblocks) from Table A-1.
        int[][] levels = {{30, 1620}, {31, 3600}, {32, 5120}, {40, 8192}, {50, 22080}, {51, 36864}};
        for (int[] level : levels) {
            if (frameMbs <= level[1]) {
                return level[0];
            }
        }
        return 52;
    }

    private interface RbspBody {
        void write(NalUnitWriter nal) throws IOException;
    }

    private static byte[] nalBytes(int type, int refIdc, RbspBody body) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(32);
            NalUnitWriter nal = new NalUnitWriter(out, refIdc, type);
            body.write(nal);
            nal.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
