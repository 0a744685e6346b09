package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import io.jenkins.plugins.happyhorse.simulator.video.FrameSource;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * The mark Model Studio puts on a clip unless {@code watermark: false} is sent [doc: a "Happy
 * Horse" mark in a corner]. The simulator draws a white block with a dark "HH" in the
 * bottom-right corner of every picture, from rectangles only, so no font is needed and a test
 * can find it by its pixels.
 */
public final class Watermark {
    /** The block's colour: pure white, luma 235 in the clip's limited range. */
    public static final Color BLOCK = Color.WHITE;
    /** The letters' colour. */
    public static final Color LETTERS = new Color(24, 24, 24);

    private Watermark() {}

    /**
     * Where the mark sits in a picture of this size: a block twice as wide as high, its height
     * about an eighth of the short side, a small margin from the bottom-right corner.
     */
    public static Rectangle area(int width, int height) {
        int shortSide = Math.min(width, height);
        int h = Math.max(8, even(shortSide * 0.12));
        int w = 2 * h;
        int margin = Math.max(2, even(shortSide * 0.03));
        return new Rectangle(width - margin - w, height - margin - h, w, h);
    }

    /** The pictures of {@code source} with the mark drawn on each. */
    static FrameSource over(FrameSource source) {
        return size -> {
            BufferedImage frame = source.paint(size);
            draw(frame);
            return frame;
        };
    }

    /** Draws the mark onto {@code frame}. */
    static void draw(BufferedImage frame) {
        Rectangle area = area(frame.getWidth(), frame.getHeight());
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(BLOCK);
            g.fillRect(area.x, area.y, area.width, area.height);
            g.setColor(LETTERS);
            int letterWidth = area.width / 2;
            for (int i = 0; i < 2; i++) {
                drawH(g, area.x + i * letterWidth, area.y, letterWidth, area.height);
            }
        } finally {
            g.dispose();
        }
    }

    private static void drawH(Graphics2D g, int x, int y, int width, int height) {
        int pad = Math.max(1, height / 6);
        int stroke = Math.max(1, height / 6);
        int top = y + pad;
        int tall = height - 2 * pad;
        g.fillRect(x + pad, top, stroke, tall);
        g.fillRect(x + width - pad - stroke, top, stroke, tall);
        g.fillRect(x + pad, y + (height - stroke) / 2, width - 2 * pad, stroke);
    }

    private static int even(double value) {
        int rounded = (int) Math.round(value);
        return rounded + (rounded & 1);
    }
}
