package io.jenkins.plugins.happyhorse.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing a transport under an exchange that no reply will ever end (an engine closed while a host
 * holds a request, as when Jenkins stops): the exchange fails rather than staying pending for ever,
 * and the engine's clock, which stands still while an exchange is in flight, moves again.
 */
class HttpTransportCloseTest {
    private final CountDownLatch received = new CountDownLatch(1);
    private final CountDownLatch never = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void startServerThatNeverAnswers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.countDown();
            try {
                never.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.stop(0);
    }

    @Test
    void closingTheTransportFailsAnExchangeStillInFlightAndFreesTheClock() throws Exception {
        SteppedScheduler clock = new SteppedScheduler(Instant.parse("2026-03-01T10:00:00Z"), 1000);
        HttpTransport transport =
                new HttpTransport(ProxySettings.none(), Duration.ofMinutes(10), Duration.ofSeconds(10), 1, clock);
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/held");
        CompletableFuture<HttpReply> held = transport.exchange(HttpCall.api("GET", uri, null), null);
        assertThat(received.await(30, TimeUnit.SECONDS)).isTrue();
        CountDownLatch fired = new CountDownLatch(1);
        clock.schedule(fired::countDown, Duration.ofSeconds(5));

        transport.close();

        assertThatThrownBy(() -> held.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(fired.await(30, TimeUnit.SECONDS))
                .as("a timer of the clock fires once the closed exchange is over")
                .isTrue();
    }
}
