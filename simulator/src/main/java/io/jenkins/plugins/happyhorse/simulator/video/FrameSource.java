package io.jenkins.plugins.happyhorse.simulator.video;

import java.awt.image.BufferedImage;

/** Paints the picture shown by one segment of a clip. */
@FunctionalInterface
public interface FrameSource {

    /**
     * Returns a new {@code TYPE_INT_RGB} image of exactly {@code size}. Called once per
     * segment, so that only one frame of samples is alive at a time.
     */
    BufferedImage paint(PictureSize size);
}
