package io.jenkins.plugins.happyhorse.reliability.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback origin whose every answer a test scripts, and which records what it received
 * (method, path, Authorization header). It plays a hostile or odd host: one that echoes the key
 * back in its errors, serves a clip under a misleading name, or streams a body without a length.
 */
public final class ScriptedOrigin implements AutoCloseable {
    /**
     * One scripted answer.
     *
     * @param status the HTTP status
     * @param headers extra headers
     * @param body the body; null streams {@code chunkedLength} bytes without a Content-Length
     * @param chunkedLength how many bytes to stream when {@code body} is null
     */
    public record Answer(int status, Map<String, String> headers, byte[] body, long chunkedLength) {
        public static Answer json(int status, String json) {
            return new Answer(
                    status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), 0);
        }

        public static Answer bytes(int status, Map<String, String> headers, byte[] body) {
            return new Answer(status, headers, body, 0);
        }

        /** {@code length} zero bytes after an MP4-like start, streamed in chunks with no Content-Length. */
        public static Answer chunked(long length) {
            return new Answer(200, Map.of("Content-Type", "video/mp4"), null, length);
        }
    }

    /**
     * One request received.
     *
     * @param method the method
     * @param path the path and query
     * @param authorization the Authorization header, or null
     * @param body the request body as text
     */
    public record Request(String method, String path, String authorization, String body) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> received = new CopyOnWriteArrayList<>();

    public ScriptedOrigin(Function<Request, Answer> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "reliability-scripted-origin");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", exchange -> handle(exchange, script));
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange, Function<Request, Answer> script) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body);
            received.add(request);
            Answer answer = script.apply(request);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (answer.body() == null) {
                exchange.sendResponseHeaders(answer.status(), 0); // chunked
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < answer.chunkedLength(); sent += chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, answer.chunkedLength() - sent));
                    }
                } catch (IOException closedByClient) {
                    // The client stopped reading (e.g. over its size cap): nothing more to send.
                }
                return;
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    /** This origin's URL for {@code path}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Requests received so far. */
    public List<Request> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
