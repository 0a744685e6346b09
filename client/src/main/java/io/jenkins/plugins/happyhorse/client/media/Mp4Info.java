package io.jenkins.plugins.happyhorse.client.media;

/**
 * What {@link Mp4Inspector} found in a file.
 *
 * @param majorBrand the {@code ftyp} major brand, e.g. {@code isom}
 * @param durationSeconds the movie duration from {@code mvhd}
 * @param width the video track's width in pixels from {@code tkhd}
 * @param height the video track's height in pixels from {@code tkhd}
 * @param size the file's length in bytes
 */
public record Mp4Info(String majorBrand, double durationSeconds, int width, int height, long size) {}
