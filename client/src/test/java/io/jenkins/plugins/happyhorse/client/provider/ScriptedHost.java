package io.jenkins.plugins.happyhorse.client.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback server that answers each request with the next scripted reply, recording what it got. */
final class ScriptedHost implements AutoCloseable {
    record Reply(int status, String body, Map<String, String> headers) {}

    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {}

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    ScriptedHost() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 50);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    ScriptedHost reply(int status, String body) {
        return reply(status, body, Map.of());
    }

    ScriptedHost reply(int status, String body, Map<String, String> headers) {
        synchronized (replies) {
            replies.add(new Reply(status, body, headers));
        }
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        Reply reply;
        synchronized (replies) {
            reply = replies.isEmpty()
                    ? new Reply(500, "{\"code\":500,\"msg\":\"unscripted\"}", Map.of())
                    : replies.poll();
        }
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
