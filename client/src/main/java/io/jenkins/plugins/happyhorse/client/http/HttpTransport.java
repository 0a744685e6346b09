package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The engine's HTTP transport: HttpClient 5's async client on a couple of I/O threads, with a
 * connection pool sized for many concurrent renders, and a second small one with larger buffers
 * for uploads and downloads. It never follows redirects and never
 * retries by itself (the engine decides what may be repeated), keeps no cookies, and adds no
 * credentials: the caller passes the {@code Authorization} value explicitly for API calls.
 */
public final class HttpTransport implements AutoCloseable {
    /** Connections per host; many renders poll the same host at once. */
    public static final int MAX_PER_ROUTE = 200;

    private static final String USER_AGENT = "happyhorse-client/0.1";
    /** Uploads and downloads at once per host; more wait for a connection. */
    private static final int TRANSFERS_PER_ROUTE = 16;
    /** Bytes moved per read and write of a file body: large enough for a plain copy's speed. */
    private static final int TRANSFER_BUFFER_BYTES = 64 * 1024;

    /** Exchanges sent and not yet answered, failed by {@link #close()} if still there. */
    private final Set<TransportFuture<?>> pending = ConcurrentHashMap.newKeySet();

    private final CloseableHttpAsyncClient api;
    private final CloseableHttpAsyncClient transfer;
    private final EngineScheduler scheduler;

    /**
     * @param proxy proxy settings
     * @param responseTimeout the longest wait for a reply (or the next bytes of one), real time
     * @param connectTimeout the longest wait for a connection, real time
     * @param ioThreads I/O reactor threads for API calls (1 or 2 are plenty)
     */
    public HttpTransport(ProxySettings proxy, Duration responseTimeout, Duration connectTimeout, int ioThreads) {
        this(proxy, responseTimeout, connectTimeout, ioThreads, EngineScheduler.system());
    }

    /**
     * As above, with the engine's {@code scheduler}, which is told of every exchange in flight
     * ({@link EngineScheduler#busy()}).
     */
    public HttpTransport(
            ProxySettings proxy,
            Duration responseTimeout,
            Duration connectTimeout,
            int ioThreads,
            EngineScheduler scheduler) {
        this.scheduler = scheduler;
        // Two clients, because their connections want opposite things. API calls are many, small
        // and concurrent: a large pool of connections with the library's small session buffers, so
        // thousands of waiting renders cost little heap. Files are few and large: a small pool
        // whose 64 KiB buffers move a clip at the speed of a plain copy.
        this.api = start(proxy, responseTimeout, connectTimeout, ioThreads, MAX_PER_ROUTE, Http1Config.DEFAULT);
        this.transfer = start(
                proxy,
                responseTimeout,
                connectTimeout,
                1,
                TRANSFERS_PER_ROUTE,
                Http1Config.custom()
                        .setBufferSize(TRANSFER_BUFFER_BYTES)
                        .setChunkSizeHint(TRANSFER_BUFFER_BYTES)
                        .build());
    }

    private static CloseableHttpAsyncClient start(
            ProxySettings proxy,
            Duration responseTimeout,
            Duration connectTimeout,
            int ioThreads,
            int maxPerRoute,
            Http1Config http1) {

        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(maxPerRoute)
                .setMaxConnTotal(maxPerRoute * 4)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        RequestConfig requestConfig = RequestConfig.custom()
                .setResponseTimeout(Timeout.of(responseTimeout))
                // Waiting for a pooled connection is not the host's fault; allow for long queues.
                .setConnectionRequestTimeout(Timeout.ofMinutes(10))
                .setRedirectsEnabled(false)
                .setAuthenticationEnabled(proxy.username().isPresent())
                .setContentCompressionEnabled(false)
                .build();
        var builder = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setHttp1Config(http1)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(1, ioThreads))
                        .setSoTimeout(Timeout.of(responseTimeout))
                        .build())
                .setDefaultRequestConfig(requestConfig)
                .setRoutePlanner(new ProxyRoutePlanner(proxy))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent(USER_AGENT);
        if (proxy.isEnabled() && proxy.username().isPresent()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(
                    new AuthScope(proxy.host().orElseThrow(), proxy.port()),
                    new UsernamePasswordCredentials(
                            proxy.username().orElseThrow(),
                            proxy.password().orElse("").toCharArray()));
            builder.setDefaultCredentialsProvider(credentials);
        }
        CloseableHttpAsyncClient client = builder.build();
        client.start();
        return client;
    }

    /** Sends {@code call} with {@code authorization} (or none) and collects a small reply. */
    CompletableFuture<HttpReply> exchange(HttpCall call, String authorization) {
        return execute(call, authorization, new ReplyConsumer(HttpReply.MAX_BODY));
    }

    /** Sends a GET to a media URL (never authenticated) and streams a 2xx body into {@code file}. */
    CompletableFuture<DownloadResult> download(HttpCall call, Path file, long maxBytes, DownloadMeter meter) {
        return execute(call, null, new FileDownloadConsumer(file, maxBytes, call.uri(), meter));
    }

    private <T> CompletableFuture<T> execute(HttpCall call, String authorization, AsyncResponseConsumer<T> consumer) {
        TransportFuture<T> future = new TransportFuture<>();
        Runnable done = scheduler.busy();
        pending.add(future);
        future.whenComplete((result, error) -> {
            pending.remove(future);
            done.run();
        });
        try {
            BasicHttpRequest request = new BasicHttpRequest(call.method(), call.uri());
            for (Map.Entry<String, String> h : call.headers()) {
                request.addHeader(h.getKey(), h.getValue());
            }
            if (authorization != null) {
                request.setHeader("Authorization", authorization);
            }
            AsyncEntityProducer body = call.body() == null ? null : call.body().get();
            boolean file = consumer instanceof FileDownloadConsumer || body instanceof FileEntityProducer;
            future.attach((file ? transfer : api)
                    .execute(
                            new BasicRequestProducer(request, body),
                            consumer,
                            (HttpContext) null,
                            new FutureCallback<T>() {
                                @Override
                                public void completed(T result) {
                                    future.complete(result);
                                }

                                @Override
                                public void failed(Exception e) {
                                    future.completeExceptionally(e);
                                }

                                @Override
                                public void cancelled() {
                                    future.cancel(false);
                                }
                            }));
        } catch (RuntimeException e) {
            future.completeExceptionally(new IOException("the request could not be sent: " + e.getMessage(), e));
        }
        return future;
    }

    /**
     * Closes both clients, then fails every exchange still pending: a client closed under an
     * exchange does not always call it back, and a future that never completes would leave its
     * caller waiting for ever (and a test clock counting an exchange in flight that is gone).
     */
    @Override
    public void close() {
        api.close(CloseMode.GRACEFUL);
        transfer.close(CloseMode.GRACEFUL);
        for (TransportFuture<?> future : List.copyOf(pending)) {
            future.completeExceptionally(new IOException("the connection was closed with the engine"));
        }
    }

    /** Sends everything through the proxy except what {@link ProxySettings#bypasses} exempts. */
    private static final class ProxyRoutePlanner extends DefaultRoutePlanner {
        private final ProxySettings proxy;

        ProxyRoutePlanner(ProxySettings proxy) {
            super(DefaultSchemePortResolver.INSTANCE);
            this.proxy = proxy;
        }

        @Override
        protected HttpHost determineProxy(HttpHost target, HttpContext context) {
            if (proxy.bypasses(target.getHostName())) {
                return null;
            }
            return new HttpHost("http", proxy.host().orElseThrow(), proxy.port());
        }
    }
}
