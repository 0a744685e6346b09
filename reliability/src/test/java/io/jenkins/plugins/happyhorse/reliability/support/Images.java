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
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(color);
            g.fillRect(0, 0, 64, 48);
            g.setColor(Color.WHITE);
            g.fillOval(10, 10, 20, 20);
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
