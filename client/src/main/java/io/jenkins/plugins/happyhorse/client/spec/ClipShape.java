package io.jenkins.plugins.happyhorse.client.spec;

import java.util.Objects;

/**
 * What a clip must look like: its resolution, aspect ratio and length. A downloaded clip is
 * verified against it, and the host's processing time is predicted from it.
 *
 * @param resolution the picture height asked for
 * @param aspectRatio the picture's aspect ratio asked for
 * @param durationSeconds the length asked for, in seconds
 */
public record ClipShape(Resolution resolution, AspectRatio aspectRatio, int durationSeconds) {
    public ClipShape {
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
    }
}
