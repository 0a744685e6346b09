package io.jenkins.plugins.happyhorse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A plain JDK HTTP client for talking to the simulator in tests, plus a raw-socket helper. */
final class TestClient {
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String key;

    TestClient(String key) {
        this.key = key;
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpRequest.Builder authed(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key);
    }

    HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
        return send(authed(uri).GET());
    }

    HttpResponse<byte[]> postJson(URI uri, Object body) throws IOException, InterruptedException {
        return send(authed(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** A multipart/form-data body with one file field. */
    static HttpRequest.BodyPublisher multipart(
            String boundary, String field, String filename, String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        out.writeBytes(head);
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
    }

    HttpResponse<byte[]> upload(URI uri, String filename, String contentType, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "----hhBoundary7MA4YWxkTrZu0gW";
        return send(authed(uri)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(multipart(boundary, "file", filename, contentType, content)));
    }

    /**
     * What a raw socket received: the bytes, and whether the server closed (or reset) the
     * connection rather than leaving it open until the read timed out.
     */
    record RawReply(byte[] bytes, boolean closed) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Sends raw request text over a new socket and collects the reply until close or timeout. */
    static RawReply raw(URI origin, String requestText, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(origin.getHost(), origin.getPort()), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(requestText.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                return new RawReply(received.toByteArray(), false);
            } catch (java.net.SocketException reset) {
                // A reset closes the connection too.
            }
            return new RawReply(received.toByteArray(), true);
        }
    }

    static Map<String, Object> submission(String... images) {
        return Map.of(
                "images",
                java.util.List.of(images),
                "prompt",
                "a horse runs along the beach",
                "resolution",
                "720p",
                "aspect_ratio",
                "16:9",
                "duration",
                5,
                "seed",
                7);
    }
}
