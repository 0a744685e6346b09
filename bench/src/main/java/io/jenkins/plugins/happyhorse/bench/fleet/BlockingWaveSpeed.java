package io.jenkins.plugins.happyhorse.bench.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.bench.workload.RenderSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * WaveSpeed's calls made the way the hosts' sample code makes them: blocking, one call at a
 * time on the caller's thread ({@link HttpURLConnection}, keep-alive on). It knows only the
 * happy path a sample shows: presigned upload, submit, poll, download. Also the plain client the
 * file benchmark times against the engine.
 */
public final class BlockingWaveSpeed {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECT_TIMEOUT_MS = 20_000;
    private static final int READ_TIMEOUT_MS = 120_000;
    private static final String SUBMIT_PATH = "/api/v3/alibaba/happyhorse-1.0/reference-to-video";

    private final URI base;
    private final String authorization;

    /** A client of the WaveSpeed API at {@code base} with this key. */
    public BlockingWaveSpeed(URI base, String apiKey) {
        this.base = base;
        this.authorization = "Bearer " + apiKey;
    }

    /** What a poll said. */
    record Poll(String status, String output) {
        boolean completed() {
            return "completed".equals(status);
        }

        boolean failed() {
            return "failed".equals(status) || "cancelled".equals(status) || "timeout".equals(status);
        }
    }

    /** Uploads a PNG (announce, then PUT the bytes); returns the URL the host will read it from. */
    public String upload(Path file) throws IOException {
        ObjectNode announce = JSON.createObjectNode()
                .put("filename", String.valueOf(file.getFileName()))
                .put("size", Files.size(file))
                .put("content_type", "image/png");
        JsonNode data = postJson("/api/v3/media/uploads", announce);
        JsonNode upload = data.path("upload");
        HttpURLConnection put = open(URI.create(upload.path("url").asText()), "PUT");
        for (Iterator<Map.Entry<String, JsonNode>> it = upload.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            put.setRequestProperty(header.getKey(), header.getValue().asText());
        }
        put.setDoOutput(true);
        put.setFixedLengthStreamingMode(Files.size(file));
        try (OutputStream out = put.getOutputStream()) {
            Files.copy(file, out);
        }
        readOk(put);
        return data.path("download_url").asText();
    }

    /** Submits one render; returns the prediction id. */
    String submit(String imageUrl, RenderSpec spec, String prompt) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("images").add(imageUrl);
        body.put("prompt", prompt)
                .put("resolution", spec.resolution())
                .put("aspect_ratio", spec.aspectRatio())
                .put("duration", spec.durationSeconds())
                .put("seed", spec.seed());
        return postJson(SUBMIT_PATH, body).path("id").asText();
    }

    /** Asks for the prediction's result once. */
    Poll poll(String id) throws IOException {
        HttpURLConnection get = open(base.resolve("/api/v3/predictions/" + id + "/result"), "GET");
        get.setRequestProperty("Authorization", authorization);
        JsonNode data = JSON.readTree(readOk(get)).path("data");
        JsonNode outputs = data.path("outputs");
        String output = outputs.isArray() && outputs.size() > 0 ? outputs.get(0).asText() : null;
        return new Poll(data.path("status").asText(), output);
    }

    /** Streams the clip at {@code url} into {@code target}; returns its length. */
    long download(String url, Path target) throws IOException {
        HttpURLConnection get = open(URI.create(url), "GET");
        int status = get.getResponseCode();
        if (status != 200) {
            drain(get);
            throw new IOException("download answered HTTP " + status);
        }
        try (InputStream in = get.getInputStream()) {
            return Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private JsonNode postJson(String path, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        HttpURLConnection post = open(base.resolve(path), "POST");
        post.setRequestProperty("Authorization", authorization);
        post.setRequestProperty("Content-Type", "application/json");
        post.setDoOutput(true);
        post.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = post.getOutputStream()) {
            out.write(bytes);
        }
        return JSON.readTree(readOk(post)).path("data");
    }

    private static HttpURLConnection open(URI uri, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        connection.setInstanceFollowRedirects(false);
        return connection;
    }

    /** Reads the whole reply (so the connection can be reused) and fails on a non-2xx status. */
    private static byte[] readOk(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        if (status / 100 != 2) {
            drain(connection);
            throw new IOException(
                    connection.getRequestMethod() + " " + connection.getURL().getPath() + " answered HTTP " + status);
        }
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static void drain(HttpURLConnection connection) {
        try (InputStream err = connection.getErrorStream()) {
            if (err != null) {
                err.readAllBytes();
            }
        } catch (IOException e) {
            // The connection is dropped instead of reused; nothing else depends on it.
        }
    }
}
