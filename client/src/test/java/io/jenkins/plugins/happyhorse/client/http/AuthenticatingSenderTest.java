package io.jenkins.plugins.happyhorse.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key and the media download, each alone, against a loopback server that records what it got. */
class AuthenticatingSenderTest {
    private static final String KEY = "sk-sender-test-77";

    @TempDir
    Path dir;

    private HttpServer server;
    private HttpTransport transport;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CallScope scope = new CallScope();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 10);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(exchange.getRequestURI().getPath() + " " + (auth == null ? "-" : auth));
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/media/clip.bin");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "bytes".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        transport = new HttpTransport(ProxySettings.none(), Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop(0);
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void theKeyGoesWithApiCallsToTheApiOriginOnly() throws Exception {
        AuthenticatingSender sender = new AuthenticatingSender(transport, at("/api"), ApiKey.of(KEY), scope);
        assertThat(sender.send(HttpCall.api("GET", at("/api/job"), null))
                        .get(10, TimeUnit.SECONDS)
                        .status())
                .isEqualTo(200);
        sender.send(HttpCall.media("GET", at("/media/a.png"), List.of(Map.entry("Authorization", "x")), null))
                .get(10, TimeUnit.SECONDS);
        try {
            sender.send(HttpCall.api("GET", URI.create("http://127.0.0.2:1/api/job"), null))
                    .get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a refusal");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).hasMessageContaining("Refused to send the API key");
        }
        assertThat(authorizations).containsExactly("/api/job Bearer " + KEY, "/media/a.png -");
    }

    @Test
    void aMediaDownloadFollowsARedirectWithoutTheKey() throws Exception {
        RetryingCaller retries = new RetryingCaller(
                new AuthenticatingSender(transport, at("/api"), ApiKey.of(KEY), scope),
                new HostText("Test Host", ApiKey.of(KEY)),
                RetryPolicy.defaults(),
                new SteppedScheduler(),
                null,
                scope);
        Path file = Files.createFile(dir.resolve("clip.part"));
        DownloadResult result = new MediaDownload(transport, retries, scope)
                .download(at("/moved"), file, 1000)
                .get(10, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(200);
        assertThat(Files.readString(file)).isEqualTo("bytes");
        assertThat(authorizations).containsExactly("/moved -", "/media/clip.bin -");
    }
}
