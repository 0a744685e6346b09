package io.jenkins.plugins.happyhorse.simulator.media;

import java.nio.file.Path;
import java.util.Map;

/**
 * A file uploaded to (or announced for) the media origin.
 *
 * @param token the random part of its URLs
 * @param filename the sanitised file name
 * @param contentType the content type it was announced or sent with
 * @param declaredSize the size announced for a presigned PUT, or -1
 * @param putHeaders the headers a presigned PUT must carry exactly (empty for direct uploads)
 * @param file where its bytes are stored once complete
 * @param downloadUrl where it is served
 * @param putUrl where it is PUT, or null for direct uploads
 */
public record Upload(
        String token,
        String filename,
        String contentType,
        long declaredSize,
        Map<String, String> putHeaders,
        Path file,
        String downloadUrl,
        String putUrl) {

    public Upload {
        putHeaders = Map.copyOf(putHeaders);
    }
}
