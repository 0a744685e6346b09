package io.jenkins.plugins.happyhorse.reliability.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A third origin on loopback, neither the API nor the media origin, that answers every GET with
 * a redirect and records what it received. It plays a CDN that bounces a download elsewhere, or
 * an attacker a host's reply points at: the engine may follow a download there, but must never
 * bring the key.
 */
public final class Relay implements AutoCloseable {
    /**
     * One request the relay received.
     *
     * @param method the HTTP method
     * @param path the path and query
     * @param authorization the Authorization header, or null
     */
    public record Seen(String method, String path, String authorization) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /**
     * @param target where {@code /to-target} redirects (asked at each request); {@code /loop}
     *     redirects to itself, anything else answers 404
     */
    public Relay(Supplier<URI> target) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reliability-relay");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", exchange -> handle(exchange, target));
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange, Supplier<URI> target) throws IOException {
        try (exchange) {
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            String path = exchange.getRequestURI().getPath();
            String location =
                    path.equals("/to-target") ? target.get().toString() : path.equals("/loop") ? "/loop" : null;
            if (location == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    /** This origin's URL for {@code path}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Requests received so far. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
