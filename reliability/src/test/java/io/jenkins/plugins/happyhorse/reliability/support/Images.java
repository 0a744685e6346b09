package io.jenkins.plugins.happyhorse.reliability.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Real reference pictures for renders, drawn with the JDK so no file has to be shipped. */
public final class Images {
    private Images() {}

    /** A small PNG (or JPEG when the name ends in .jpg) picture at {@code file}. */
    public static Path picture(Path file, Color color) {
        return picture(file, color, 64, 48);
    }

    /**
     * A PNG (or JPEG) picture of 640x480 at {@code file}: large enough for every host (Model Studio
     * wants at least 400 px on the short side).
     */
    public static Path reference(Path file, Color color) {
        return picture(file, color, 640, 480);
    }

    /** A PNG (or JPEG when the name ends in .jpg) picture of this size at {@code file}. */
    public static Path picture(Path file, Color color, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(color);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            g.fillOval(width / 6, height / 5, width / 3, height / 2);
        } finally {
            g.dispose();
        }
        try {
            String name = file.getFileName().toString();
            ImageIO.write(img, name.endsWith(".jpg") ? "jpeg" : "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
