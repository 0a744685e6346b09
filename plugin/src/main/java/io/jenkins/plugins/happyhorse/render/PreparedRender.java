package io.jenkins.plugins.happyhorse.render;

import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import java.nio.file.Path;

/**
 * A render ready to be sent: a valid request whose workspace images were copied to the
 * controller, and where its clip goes. Lives only in memory, for the few moments before the
 * engine takes over; the API key is looked up separately, at the last moment.
 *
 * @param spec the clip, parsed once (local images point into {@code stagingDir})
 * @param credentialsId the Secret Text credential holding the key
 * @param output the clip's path relative to the workspace
 * @param number the render's number in its build
 * @param stagingDir the controller folder for the images and the downloaded clip
 * @param timeoutMinutes how long the whole render may take
 */
public record PreparedRender(
        ClipSpec spec, String credentialsId, String output, int number, Path stagingDir, int timeoutMinutes) {

    /** Where the engine downloads the clip. */
    public Path downloadPath() {
        return stagingDir.resolve("clip.mp4");
    }
}
