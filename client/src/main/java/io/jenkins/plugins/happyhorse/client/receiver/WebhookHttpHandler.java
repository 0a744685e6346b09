package io.jenkins.plugins.happyhorse.client.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.happyhorse.client.engine.WebhookReceiver;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Answers the hosts' callbacks on one path: POST only (405 otherwise, with {@code Allow: POST}),
 * another path 404, a body over {@link WebhookReceiver#MAX_BODY_BYTES} 413 (read no further), and
 * otherwise the {@link WebhookReceiver}'s verdict: 204 accepted, 400 refused, 503 when the verdict
 * takes longer than the time allowed. Never a body, never a reason: the reason goes to the log
 * consumer only. It blocks one of its server's threads (never an engine thread) while the verdict
 * is worked out, for at most the time allowed.
 */
public final class WebhookHttpHandler implements HttpHandler {
    /** The status when the verdict does not come in time; the host may try again later. */
    public static final int UNAVAILABLE = 503;
    /**
     * How much of a refused body is read and thrown away before answering, so that the connection
     * closes cleanly and the sender reads the status rather than a reset.
     */
    static final int DRAIN_LIMIT = 1024 * 1024;

    private final WebhookReceiver receiver;
    private final String path;
    private final Consumer<WebhookVerdict> log;
    private final Duration answerWithin;

    /**
     * @param path the one path served, e.g. {@code /happyhorse-webhook} (a trailing slash is also
     *     accepted)
     * @param log hears every verdict, refusals with their reason (for the receiver's own log)
     * @param answerWithin real time allowed for a verdict (a key fetch from the host may be needed)
     */
    public WebhookHttpHandler(
            WebhookReceiver receiver, String path, Consumer<WebhookVerdict> log, Duration answerWithin) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.path = WebhookServer.normalisePath(path);
        this.log = Objects.requireNonNull(log, "log");
        this.answerWithin = Objects.requireNonNull(answerWithin, "answerWithin");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            String requested = exchange.getRequestURI().getRawPath();
            if (!path.equals(requested) && !(path + "/").equals(requested)) {
                drainAndAnswer(exchange, 404);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod().toUpperCase(Locale.ROOT))) {
                exchange.getResponseHeaders().set("Allow", "POST");
                drainAndAnswer(exchange, 405);
                return;
            }
            byte[] body = readAtMost(exchange, WebhookReceiver.MAX_BODY_BYTES);
            if (body == null) {
                log.accept(WebhookVerdict.refused(
                        WebhookRefusal.TOO_LARGE, null, "a body over " + WebhookReceiver.MAX_BODY_BYTES + " bytes"));
                answer(exchange, WebhookVerdict.TOO_LARGE);
                return;
            }
            answer(exchange, verdict(exchange, body));
        }
    }

    private int verdict(HttpExchange exchange, byte[] body) {
        try {
            WebhookVerdict verdict = receiver.deliver(exchange.getRequestHeaders(), body)
                    .get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
            log.accept(verdict);
            return verdict.httpStatus();
        } catch (TimeoutException e) {
            log.accept(WebhookVerdict.refused(
                    WebhookRefusal.KEY_UNAVAILABLE, null, "no verdict within " + answerWithin.toMillis() + " ms"));
            return UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNAVAILABLE;
        } catch (ExecutionException e) {
            // The receiver's future never fails; should it, the sender learns no more than a refusal.
            return WebhookVerdict.REFUSED;
        }
    }

    /** The body, or null when it is longer than {@code limit} (the rest then only drained, never kept). */
    private static byte[] readAtMost(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length <= limit) {
                return bytes;
            }
            drain(in);
            return null;
        }
    }

    private static void drainAndAnswer(HttpExchange exchange, int status) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            drain(in);
        }
        answer(exchange, status);
    }

    /** Reads and drops at most {@link #DRAIN_LIMIT} bytes; a longer body makes the server close the connection. */
    private static void drain(InputStream in) {
        try {
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n; total < DRAIN_LIMIT && (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // The sender went away: nothing to drain.
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }
}
