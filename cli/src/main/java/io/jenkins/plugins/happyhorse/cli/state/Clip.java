package io.jenkins.plugins.happyhorse.cli.state;

/**
 * The verified clip a record delivered.
 *
 * @param bytes its size
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param durationSeconds its duration as read from the file
 */
public record Clip(long bytes, int width, int height, double durationSeconds) {}
