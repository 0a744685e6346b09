package io.jenkins.plugins.happyhorse.client.receiver;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jenkins.plugins.happyhorse.client.engine.WebhookReceiver;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A running endpoint for the hosts' callbacks: the JDK's HTTP (or HTTPS) server with one {@link
 * WebhookHttpHandler}, bound to 127.0.0.1 unless told otherwise (the hosts reach it through a
 * reverse proxy or tunnel that terminates the public https URL), served by a few threads of its
 * own. Closing it stops the server and its threads.
 *
 * <pre>{@code
 * try (WebhookServer server = WebhookServer.builder(engine.webhooks()).port(8093).start()) {
 *     URI local = server.url();   // http://127.0.0.1:8093/happyhorse-webhook
 *     ... renders with RenderOptions.webhook(URI.create("https://ci.example.com/happyhorse-webhook"))
 * }
 * }</pre>
 */
public final class WebhookServer implements AutoCloseable {
    /** The path served unless told otherwise. */
    public static final String DEFAULT_PATH = "/happyhorse-webhook";

    private final HttpServer server;
    private final ExecutorService threads;
    private final String path;
    private final boolean tls;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebhookServer(HttpServer server, ExecutorService threads, String path, boolean tls) {
        this.server = server;
        this.threads = threads;
        this.path = path;
        this.tls = tls;
    }

    /** A server for {@code receiver}'s callbacks, to configure. */
    public static Builder builder(WebhookReceiver receiver) {
        return new Builder(receiver);
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Its local URL, e.g. {@code http://127.0.0.1:8093/happyhorse-webhook}. */
    public URI url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + a.getPort() + path);
    }

    /** Stops listening at once and ends its threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WebhookServer{" + url() + "}";
    }

    static String normalisePath(String path) {
        Objects.requireNonNull(path, "path");
        String p = path.startsWith("/") ? path : "/" + path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.matches("/[A-Za-z0-9._~/-]*")) {
            throw new IllegalArgumentException(
                    "The webhook path must be a plain URL path such as " + DEFAULT_PATH + ", was " + path);
        }
        return p;
    }

    /** Configures a {@link WebhookServer}; every setting has a default. */
    public static final class Builder {
        private final WebhookReceiver receiver;
        private InetAddress bind;
        private int port;
        private String path = DEFAULT_PATH;
        private SSLContext tls;
        private Consumer<WebhookVerdict> log = verdict -> {};
        private Duration answerWithin = Duration.ofSeconds(10);
        private int threads = 2;

        private Builder(WebhookReceiver receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
        }

        /** The address to bind (default 127.0.0.1; another only behind a firewall you control). */
        public Builder bind(InetAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port (default 0: any free port, see {@link WebhookServer#address()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The one path served (default {@value WebhookServer#DEFAULT_PATH}). */
        public Builder path(String path) {
            this.path = normalisePath(path);
            return this;
        }

        /** Serves HTTPS with this context instead of plain HTTP. */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        /** Hears every verdict, with its reason (default: nothing). */
        public Builder log(Consumer<WebhookVerdict> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Real time allowed for a verdict before the answer is 503 (default 10 s). */
        public Builder answerWithin(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("answerWithin must be positive, was " + limit);
            }
            this.answerWithin = limit;
            return this;
        }

        /** Threads serving requests (default 2). */
        public Builder threads(int count) {
            if (count < 1 || count > 64) {
                throw new IllegalArgumentException("threads must be from 1 to 64, was " + count);
            }
            this.threads = count;
            return this;
        }

        /** Binds and starts serving. */
        public WebhookServer start() throws IOException {
            InetAddress address = bind != null ? bind : InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            InetSocketAddress socket = new InetSocketAddress(address, port);
            HttpServer server;
            if (tls != null) {
                HttpsServer https = HttpsServer.create(socket, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            } else {
                server = HttpServer.create(socket, 64);
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads, named());
            // Every path reaches the handler, which answers 404 off its own path.
            server.createContext("/", new WebhookHttpHandler(receiver, path, log, answerWithin));
            server.setExecutor(pool);
            server.start();
            return new WebhookServer(server, pool, path, tls != null);
        }
    }

    /** Daemon threads named after what they serve; outside the builder, which is not shared between threads. */
    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "happyhorse-webhook-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
