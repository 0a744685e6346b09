package io.jenkins.plugins.happyhorse.simulator.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.http.HttpProblem;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import io.jenkins.plugins.happyhorse.simulator.http.MultipartReader;
import java.io.IOException;
import java.util.Optional;

/**
 * A multipart upload in field {@code file}, as Atlas Cloud's {@code uploadMedia} and WaveSpeed's
 * older {@code upload/binary} both take it: stores the first such part and describes it in the
 * {@code data} object both hosts answer with.
 */
public final class MultipartUpload {
    private MultipartUpload() {}

    /** Stores the file of {@code call} and returns the reply's {@code data} object. */
    public static ObjectNode receive(Call call, MediaStore media, long maxBody) throws IOException, HttpProblem {
        call.requireAtMost(maxBody);
        MultipartReader reader = MultipartReader.of(call.header("Content-Type"), call.body())
                .orElseThrow(() -> new HttpProblem(400, "file: send the file as multipart/form-data field 'file'"));
        Upload stored = null;
        for (Optional<MultipartReader.Part> part = reader.next(); part.isPresent(); part = reader.next()) {
            MultipartReader.Part p = part.get();
            if (stored == null && "file".equals(p.name())) {
                String contentType = p.contentType() == null ? "application/octet-stream" : p.contentType();
                stored = media.store(p.filename(), contentType, p.content(), MediaStore.MAX_IMAGE_BYTES)
                        .orElseThrow(() -> new HttpProblem(400, "file: is over the 20 MB limit for images"));
            }
        }
        if (stored == null) {
            throw new HttpProblem(400, "file: the multipart body has no field named 'file'");
        }
        return Json.object()
                .put("type", stored.contentType().startsWith("image/") ? "image" : "file")
                .put("download_url", stored.downloadUrl())
                .put("filename", stored.filename())
                .put("size", media.completedSize(stored.token()).orElse(0L));
    }
}
