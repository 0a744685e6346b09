package io.jenkins.plugins.happyhorse;

import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What the webhook tests share: a simulator that calls back on the engine's stepped clock (each
 * callback sent exactly when the clock reaches the job's end, the clock held while it is in
 * flight) and to plain http on loopback (Jenkins' test server), the global configuration with
 * completion by webhook on, and raw requests to the endpoint without session or crumb.
 */
final class WebhookSupport {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private WebhookSupport() {}

    /** A simulator accepting {@link RenderFixture#API_KEY} that calls back on {@code clock}. */
    static Simulator startSimulator(SteppedScheduler clock) throws IOException {
        return Simulator.builder()
                .apiKey(RenderFixture.API_KEY)
                .clock(clock.clock())
                .webhookTimer(new SteppedCallbacks(clock))
                .webhooksOverHttpToLoopback(true)
                .seed(7)
                .maxHold(Duration.ofMinutes(2))
                .start();
    }

    /** The endpoint's URL on the test controller. */
    static URI endpoint(JenkinsRule j) throws IOException {
        return URI.create(j.getURL() + "happyhorse-webhook/");
    }

    /** Turns completion by webhook on, the hosts calling the test controller's endpoint. */
    static void turnOn(JenkinsRule j) throws IOException {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setWebhookUrl(endpoint(j).toString());
        config.setWebhooksEnabled(true);
    }

    /** One raw request to {@code url}: no session, no crumb, only the headers given. */
    static HttpResponse<byte[]> send(String method, URI url, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
