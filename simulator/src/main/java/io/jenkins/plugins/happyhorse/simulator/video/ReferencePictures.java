package io.jenkins.plugins.happyhorse.simulator.video;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The pictures a simulated clip shows: an uploaded reference image scaled and letterboxed to
 * the clip's size, or, where the image cannot be read here (webp, or a URL that is not on the
 * simulator's own media origin), a colour pattern derived from the URL so that the same
 * request always gives the same clip.
 */
public final class ReferencePictures {
    private ReferencePictures() {}

    /**
     * Shows the image file, letterboxed; falls back to the pattern of {@code fallbackKey} when
     * the file is not a PNG or JPEG that {@code javax.imageio} can decode.
     */
    public static FrameSource image(Path file, String fallbackKey) {
        return size -> {
            BufferedImage decoded = decode(file, size);
            return decoded == null ? paintPattern(fallbackKey, size) : letterbox(decoded, size);
        };
    }

    /** A deterministic colour pattern derived from {@code key} (for example an image URL). */
    public static FrameSource pattern(String key) {
        return size -> paintPattern(key, size);
    }

    private static BufferedImage decode(Path file, PictureSize target) {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                // Decoding a huge photo at full size would cost far more memory than a frame.
                int step = Math.max(1, Math.min(width / (2 * target.width()), height / (2 * target.height())));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable upload is shown as its pattern, like an image from elsewhere.
            return null;
        }
    }

    private static BufferedImage letterbox(BufferedImage source, PictureSize size) {
        BufferedImage frame = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, size.width(), size.height());
            double scale =
                    Math.min((double) size.width() / source.getWidth(), (double) size.height() / source.getHeight());
            int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, (size.width() - w) / 2, (size.height() - h) / 2, w, h, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    private static BufferedImage paintPattern(String key, PictureSize size) {
        byte[] hash = sha256(key);
        Color background = new Color(hash[0] & 0xFF, hash[1] & 0xFF, hash[2] & 0xFF);
        Color stripe = new Color(hash[3] & 0xFF, hash[4] & 0xFF, hash[5] & 0xFF);
        Color disc = new Color(255 - (hash[0] & 0xFF), 255 - (hash[1] & 0xFF), 255 - (hash[2] & 0xFF));
        int stripes = 3 + (hash[6] & 0xFF) % 6;
        int w = size.width();
        int h = size.height();
        BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, w, h);
            g.setColor(stripe);
            int period = Math.max(2, (w + h) / stripes);
            for (int x = -h; x < w; x += period) {
                Polygon band = new Polygon();
                band.addPoint(x, h);
                band.addPoint(x + period / 2, h);
                band.addPoint(x + period / 2 + h, 0);
                band.addPoint(x + h, 0);
                g.fillPolygon(band);
            }
            g.setColor(disc);
            int d = Math.min(w, h) / 2;
            g.fillOval((w - d) / 2, (h - d) / 2, d, d);
        } finally {
            g.dispose();
        }
        return frame;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
