package io.jenkins.plugins.happyhorse.cli.webhook;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.happyhorse.client.engine.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code happyhorse listen}'s one path: takes a host's callback (POST only, 405 otherwise; another
 * path 404; a body over {@link WebhookReceiver#MAX_BODY_BYTES} 413) and hands it, headers and raw
 * body unchanged, to every render of the state folder that listens now. The answer is plain, with
 * no body: 204 when a render accepted it, 503 when a render could not answer in time (the host may
 * try again), 400 otherwise, which includes no render listening. It verifies nothing itself (each
 * render's engine does) and so needs no key and no secret.
 */
public final class CallbackRelay implements HttpHandler {
    /** Headers that belong to one connection, never passed on. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "host",
            "connection",
            "content-length",
            "expect",
            "upgrade",
            "transfer-encoding",
            "keep-alive",
            "te",
            "trailer",
            "proxy-authorization",
            "proxy-connection");

    private final Listeners listeners;
    private final String path;
    private final HttpClient client;
    private final Duration answerWithin;
    private final Consumer<String> log;

    /**
     * @param path the path served, e.g. {@code /happyhorse-webhook} (a trailing slash also matches)
     * @param answerWithin real time each render has to answer
     * @param log hears one line per request (never a header's value or the body)
     */
    public CallbackRelay(Listeners listeners, String path, Duration answerWithin, Consumer<String> log) {
        this.listeners = listeners;
        this.path = path;
        this.answerWithin = answerWithin;
        this.log = log;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(answerWithin)
                .build();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            String requested = exchange.getRequestURI().getRawPath();
            if (!path.equals(requested) && !(path + "/").equals(requested)) {
                drain(exchange.getRequestBody());
                answer(exchange, 404, "a request for another path");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod().toUpperCase(Locale.ROOT))) {
                exchange.getResponseHeaders().set("Allow", "POST");
                drain(exchange.getRequestBody());
                answer(exchange, 405, "a " + exchange.getRequestMethod() + " request");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(WebhookReceiver.MAX_BODY_BYTES + 1);
                if (body.length > WebhookReceiver.MAX_BODY_BYTES) {
                    drain(in);
                }
            }
            if (body.length > WebhookReceiver.MAX_BODY_BYTES) {
                answer(exchange, 413, "a body over " + WebhookReceiver.MAX_BODY_BYTES + " bytes");
                return;
            }
            relay(exchange, body);
        }
    }

    private void relay(HttpExchange exchange, byte[] body) throws IOException {
        List<Listeners.Entry> entries = listeners.list();
        int accepted = 0;
        int late = 0;
        for (Listeners.Entry entry : entries) {
            int status = forward(entry, exchange.getRequestHeaders(), body);
            if (status >= 200 && status < 300) {
                accepted++;
            } else if (status == 503) {
                late++;
            }
        }
        int status = accepted > 0 ? 204 : late > 0 ? 503 : 400;
        answer(
                exchange,
                status,
                "a callback: "
                        + (entries.isEmpty()
                                ? "no render listens"
                                : "accepted by " + accepted + " of " + entries.size() + " listening renders"));
    }

    /** The status a render's receiver answered, or 0 when it could not be reached. */
    private int forward(Listeners.Entry entry, Headers headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(entry.url())
                .timeout(answerWithin)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() == null || HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : h.getValue()) {
                try {
                    request.header(h.getKey(), value);
                } catch (IllegalArgumentException e) {
                    // A header the client may not set (or a malformed one): the render does without it.
                }
            }
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (HttpTimeoutException e) {
            return 503;
        } catch (IOException e) {
            if (entry.orphaned()) {
                listeners.forget(entry);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Reads and drops at most 1 MiB of a refused body, so that the sender reads the status rather
     * than a reset; a longer one makes the server close the connection.
     */
    private static void drain(InputStream in) {
        try (in) {
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n; total < 1024 * 1024 && (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // The sender went away: nothing to drain.
        }
    }

    private void answer(HttpExchange exchange, int status, String what) throws IOException {
        log.accept(what + " from " + exchange.getRemoteAddress().getAddress().getHostAddress() + ": " + status);
        exchange.sendResponseHeaders(status, -1);
    }
}
