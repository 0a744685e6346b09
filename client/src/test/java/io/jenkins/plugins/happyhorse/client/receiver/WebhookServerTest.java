package io.jenkins.plugins.happyhorse.client.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint the command line's listener runs: on 127.0.0.1 unless told otherwise, one path,
 * POST only, a plain status and never a body, the reason to the log alone.
 */
class WebhookServerTest {
    private final List<WebhookVerdict> log = new CopyOnWriteArrayList<>();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RenderEngine engine;
    private WebhookServer server;

    @BeforeEach
    void start() throws Exception {
        engine = RenderEngine.builder().scheduler(new SteppedScheduler()).build();
        server = WebhookServer.builder(engine.webhooks()).log(log::add).start();
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    @Test
    void listensOnLoopbackOnlyByDefault() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.url().toString()).startsWith("http://127.0.0.1:").endsWith(WebhookServer.DEFAULT_PATH);
    }

    @Test
    void answersPostOnlyOnItsOwnPathWithPlainStatusesAndNoBody() throws Exception {
        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(server.url()).GET());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(get.body()).isEmpty();

        HttpResponse<byte[]> elsewhere =
                send(HttpRequest.newBuilder(server.url().resolve("/other")).POST(body("{}")));
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.body()).isEmpty();

        HttpResponse<byte[]> unsigned = send(HttpRequest.newBuilder(URI.create(server.url() + "/"))
                .header("Content-Type", "application/json")
                .POST(body("{\"id\":\"p\",\"secret\":\"sk-should-not-echo\"}")));
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).isEmpty();
        assertThat(log).singleElement().satisfies(v -> {
            assertThat(v.refusal()).contains(WebhookRefusal.UNKNOWN_SENDER);
            assertThat(v.detail()).doesNotContain("sk-should-not-echo");
        });
        assertThat(elsewhere.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Content-Type"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsAnnouncedOrNot() throws Exception {
        byte[] huge = new byte[200 * 1024];
        HttpResponse<byte[]> announced =
                send(HttpRequest.newBuilder(server.url()).POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertThat(announced.statusCode()).isEqualTo(413);
        // A stream of unknown length is sent chunked: counted as it is read, and cut short.
        HttpResponse<byte[]> chunked = send(HttpRequest.newBuilder(server.url())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(log).hasSize(2).allSatisfy(v -> assertThat(v.refusal()).contains(WebhookRefusal.TOO_LARGE));
    }

    @Test
    void aClosedEngineRefusesEveryCallback() throws Exception {
        engine.close();
        HttpResponse<byte[]> reply = send(HttpRequest.newBuilder(server.url())
                .header("webhook-id", "m")
                .header("webhook-timestamp", "1")
                .header("webhook-signature", "v3," + "00".repeat(32))
                .POST(body("{\"id\":\"p\"}")));
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(log).singleElement().satisfies(v -> assertThat(v.refusal()).contains(WebhookRefusal.CLOSED));
    }

    @Test
    void aPathMustBeAPlainUrlPath() {
        assertThat(WebhookServer.normalisePath("hooks/")).isEqualTo("/hooks");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookServer.normalisePath("/a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/a b");
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }
}
