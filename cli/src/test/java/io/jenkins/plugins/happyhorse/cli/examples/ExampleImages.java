package io.jenkins.plugins.happyhorse.cli.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws the two example reference images of {@code docs/examples}: a product shot (PNG,
 * 640×640) and a style frame (JPEG, 1280×720, so that it meets Model Studio's 400 px minimum on the short side
 * and its recommended 720 px). They are drawn rather than photographed so
 * that the repository holds no third-party pictures; run {@code main} with the target
 * folder to draw them again.
 */
public final class ExampleImages {

    /** Width and height of the product shot. */
    public static final int PRODUCT_SIZE = 640;

    /** Width of the style frame. */
    public static final int STYLE_WIDTH = 1280;

    /** Height of the style frame. */
    public static final int STYLE_HEIGHT = 720;

    private ExampleImages() {}

    /**
     * Writes {@code product.png} and {@code style.jpg} into the given folder.
     *
     * @param args the target folder, {@code docs/examples} when absent
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/examples");
        Files.createDirectories(dir);
        ImageIO.write(productShot(), "png", dir.resolve("product.png").toFile());
        writeJpeg(styleFrame(), dir.resolve("style.jpg"), 0.85f);
    }

    /** A bottle on a table under studio light. */
    static BufferedImage productShot() {
        int s = PRODUCT_SIZE;
        BufferedImage image = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        // Studio backdrop: light from the upper middle.
        g.setPaint(new RadialGradientPaint(
                new Point2D.Float(s * 0.5f, s * 0.3f),
                s * 0.8f,
                new float[] {0f, 1f},
                new Color[] {new Color(0xF4F1EC), new Color(0x9FA8B3)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fillRect(0, 0, s, s);
        // Table top.
        g.setPaint(new GradientPaint(0, s * 0.72f, new Color(0xE9E4DC), 0, s, new Color(0xC9C0B3)));
        g.fillRect(0, (int) (s * 0.72), s, s);
        g.setColor(new Color(0xB8AFA2));
        g.setStroke(new BasicStroke(2f));
        g.drawLine(0, (int) (s * 0.72), s, (int) (s * 0.72));
        // Soft shadow under the bottle.
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(60, 50, 40, 10));
            float w = 250 - i * 12;
            g.fill(new Ellipse2D.Float(s / 2f - w / 2, s * 0.80f - 14 + i, w, 28 - i * 1.5f));
        }
        // Bottle body.
        float bodyX = s * 0.36f;
        float bodyW = s * 0.28f;
        float top = s * 0.34f;
        float bottom = s * 0.81f;
        g.setPaint(new GradientPaint(bodyX, 0, new Color(0x1F5E73), bodyX + bodyW, 0, new Color(0x0B2733)));
        g.fill(new RoundRectangle2D.Float(bodyX, top, bodyW, bottom - top, 48, 48));
        // Shoulders and neck.
        Path2D neck = new Path2D.Float();
        neck.moveTo(bodyX + 18, top + 10);
        neck.curveTo(bodyX + 30, top - 40, s * 0.46f, top - 40, s * 0.46f, top - 70);
        neck.lineTo(s * 0.54f, top - 70);
        neck.curveTo(s * 0.54f, top - 40, bodyX + bodyW - 30, top - 40, bodyX + bodyW - 18, top + 10);
        neck.closePath();
        g.setPaint(new GradientPaint(bodyX, 0, new Color(0x1F5E73), bodyX + bodyW, 0, new Color(0x0B2733)));
        g.fill(neck);
        // Cap.
        g.setPaint(new GradientPaint(s * 0.45f, 0, new Color(0xD9B45A), s * 0.55f, 0, new Color(0x8A6A22)));
        g.fill(new RoundRectangle2D.Float(s * 0.445f, top - 120, s * 0.11f, 56, 10, 10));
        // Highlight along the left edge of the glass.
        g.setPaint(new GradientPaint(0, top, new Color(255, 255, 255, 120), 0, bottom, new Color(255, 255, 255, 0)));
        g.fill(new RoundRectangle2D.Float(bodyX + 14, top + 20, 14, (bottom - top) * 0.7f, 14, 14));
        // Label.
        float labelY = s * 0.52f;
        g.setColor(new Color(0xF7F3EA));
        g.fill(new RoundRectangle2D.Float(bodyX + 16, labelY, bodyW - 32, 92, 8, 8));
        g.setColor(new Color(0x0B2733));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        centered(g, "HAPPY", s / 2f, labelY + 38);
        centered(g, "HORSE", s / 2f, labelY + 66);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        centered(g, "EAU DE STUDIO", s / 2f, labelY + 84);
        g.dispose();
        return image;
    }

    /** A dusk landscape in warm colours: the look the clip should take. */
    static BufferedImage styleFrame() {
        // Drawn on a 640x360 canvas scaled up to the frame's size: the same picture at any size.
        int w = 640;
        int h = 360;
        BufferedImage image = new BufferedImage(STYLE_WIDTH, STYLE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.scale((double) STYLE_WIDTH / w, (double) STYLE_HEIGHT / h);
        g.setPaint(new GradientPaint(0, 0, new Color(0x2B1B4A), 0, h * 0.7f, new Color(0xF29E5C)));
        g.fillRect(0, 0, w, h);
        g.setPaint(new RadialGradientPaint(
                new Point2D.Float(w * 0.68f, h * 0.58f), 90f, new float[] {0f, 0.35f, 1f}, new Color[] {
                    new Color(0xFFF1C9), new Color(0xFFD27F), new Color(255, 190, 110, 0)
                }));
        g.fill(new Ellipse2D.Float(w * 0.68f - 90, h * 0.58f - 90, 180, 180));
        ridge(g, w, h, 0.55f, 0.10f, 3, new Color(0x7A4A6B));
        ridge(g, w, h, 0.66f, 0.08f, 5, new Color(0x4E2F52));
        ridge(g, w, h, 0.78f, 0.06f, 7, new Color(0x2A1A33));
        g.dispose();
        return image;
    }

    private static void ridge(Graphics2D g, int w, int h, float base, float amplitude, int waves, Color color) {
        Path2D path = new Path2D.Float();
        path.moveTo(0, h);
        for (int x = 0; x <= w; x += 4) {
            double t = (double) x / w;
            double y = base + amplitude * Math.sin(t * Math.PI * waves) * Math.cos(t * Math.PI * 1.7);
            path.lineTo(x, y * h);
        }
        path.lineTo(w, h);
        path.closePath();
        g.setColor(color);
        g.fill(path);
    }

    private static Graphics2D smooth(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    private static void centered(Graphics2D g, String text, float x, float baseline) {
        int width = g.getFontMetrics().stringWidth(text);
        g.drawString(text, x - width / 2f, baseline);
    }

    private static void writeJpeg(BufferedImage image, Path file, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (OutputStream out = Files.newOutputStream(file);
                ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
