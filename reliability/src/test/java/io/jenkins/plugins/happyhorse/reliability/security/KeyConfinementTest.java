package io.jenkins.plugins.happyhorse.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import io.jenkins.plugins.happyhorse.reliability.support.Images;
import io.jenkins.plugins.happyhorse.reliability.support.Probe;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.reliability.support.ScriptedOrigin;
import io.jenkins.plugins.happyhorse.reliability.support.Secrets;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.fault.WebhookFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key reaches the configured API origin and nothing else: not the media origin, not an
 * origin an API reply redirects to (the redirect is not followed at all), not an origin a
 * download redirects to (followed, without the key), and not a base URL's user info or query.
 * The handling of the hosts' callbacks never shows the key or the webhook secret either: not in a
 * verdict, an event, an answer or a file. After each test the simulator's media origin has seen no
 * Authorization header.
 */
class KeyConfinementTest {
    @TempDir
    Path dir;

    private Rig rig;
    private ScriptedOrigin attacker;

    @AfterEach
    void nothingReachedTheMediaOrigin() {
        if (rig != null) {
            Secrets.assertNoAuthorizationReachedMedia(rig.sim());
            Secrets.assertAbsentFromEvents(rig.events(), Rig.KEY);
            Secrets.assertAbsentFromCheckpoints(rig.checkpoints(), Rig.KEY);
            rig.close();
        }
        if (attacker != null) {
            attacker.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ProviderId.class)
    void aRedirectedApiCallIsNotFollowedSoTheKeyStaysHome(ProviderId host) throws Exception {
        rig = Rig.start(dir);
        attacker = new ScriptedOrigin(r -> ScriptedOrigin.Answer.json(200, "{}"));
        URI trap = attacker.url("/collect");
        Route[] apiRoutes =
                switch (host) {
                    case WAVESPEED -> new Route[] {Route.WS_UPLOAD, Route.WS_SUBMIT, Route.WS_RESULT};
                    case ATLASCLOUD -> new Route[] {Route.AC_UPLOAD, Route.AC_SUBMIT, Route.AC_PREDICTION};
                    case MODELSTUDIO -> new Route[] {Route.MS_POLICY, Route.MS_SUBMIT, Route.MS_TASK};
                };
        for (Route route : apiRoutes) {
            rig.sim().faults().clear();
            rig.sim().faults().next(route, Fault.redirect(trap));
            Throwable error = failure(
                    rig.engine().start(rig.request(host).build(), rig.options().build()));
            assertThat(error).as(route.name()).isInstanceOf(ProtocolException.class);
            Secrets.assertAbsentFrom(error, Rig.KEY);
        }
        assertThat(attacker.received())
                .as("requests that followed an API redirect")
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ProviderId.class)
    void aRedirectedDownloadIsFollowedWithoutTheKey(ProviderId host) throws Exception {
        rig = Rig.start(dir);
        attacker = new ScriptedOrigin(r -> ScriptedOrigin.Answer.bytes(404, Map.of(), new byte[0]));
        rig.sim().faults().next(Route.MEDIA_GET, Fault.redirect(attacker.url("/clip.mp4")), 100);
        failure(rig.engine().start(rig.request(host).build(), rig.options().build()));
        assertThat(attacker.received()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization())
                .isNull());
    }

    @Test
    void theKeyNeverReachesModelStudiosStorageOriginNorWhereItRedirects() throws Exception {
        rig = Rig.start(dir);
        attacker = new ScriptedOrigin(r -> ScriptedOrigin.Answer.json(200, ""));
        // Two local images: two policies, two signed forms posted to the storage origin.
        RenderHandle handle = rig.engine()
                .start(
                        rig.request(ProviderId.MODELSTUDIO)
                                .image(Images.reference(dir.resolve("second.jpg"), java.awt.Color.BLUE))
                                .build(),
                        rig.options().build());
        assertThat(Probe.await(handle)).isPresent();
        assertThat(rig.sim().stats().storageUploads()).isEqualTo(2);
        assertThat(rig.sim().stats().storageAuthorizations())
                .as("Authorization headers on the storage origin")
                .isEmpty();

        // A storage origin that redirects the form elsewhere is not followed: nothing reaches the target.
        rig.sim().faults().next(Route.MS_STORAGE, Fault.redirect(attacker.url("/collect")));
        Throwable error = failure(rig.engine()
                .start(
                        rig.request(ProviderId.MODELSTUDIO).build(),
                        rig.options().output(dir.resolve("again.mp4")).build()));
        assertThat(error).hasMessageContaining("temporary storage refused");
        Secrets.assertAbsentFrom(error, Rig.KEY);
        assertThat(attacker.received()).isEmpty();
        assertThat(rig.sim().stats().submissions()).isEqualTo(1);
    }

    @Test
    void theKeyIsNotSentToAnOutputUrlOnTheApiOriginItself() throws Exception {
        // A host that serves clips from its own API origin: still a media call, so still no key.
        AtomicReference<String> base = new AtomicReference<>();
        attacker = new ScriptedOrigin(request -> {
            String p = request.path();
            if (p.startsWith("/api/v3/alibaba/")) {
                return ScriptedOrigin.Answer.json(
                        200, "{\"code\":200,\"data\":{\"id\":\"p1\",\"status\":\"created\"}}");
            }
            if (p.startsWith("/api/v3/predictions/")) {
                return ScriptedOrigin.Answer.json(
                        200,
                        "{\"code\":200,\"data\":{\"id\":\"p1\",\"status\":\"completed\",\"outputs\":[\"" + base.get()
                                + "/api/v3/files/clip.mp4\"]}}");
            }
            return ScriptedOrigin.Answer.bytes(200, Map.of(), "not a clip".getBytes(StandardCharsets.UTF_8));
        });
        base.set("http://127.0.0.1:" + attacker.url("").getPort());
        try (RenderEngine engine = RenderEngine.builder()
                .endpoint(ProviderId.WAVESPEED, attacker.url(""))
                .scheduler(new SteppedScheduler())
                .build()) {
            RenderHandle handle = engine.start(
                    RenderRequest.builder()
                            .image(Probe.REMOTE_IMAGE)
                            .prompt("A horse gallops along a beach at sunset")
                            .duration(3)
                            .build(),
                    RenderOptions.builder()
                            .apiKey(ApiKey.of(Rig.KEY))
                            .output(dir.resolve("clip.mp4"))
                            .build());
            assertThat(failure(handle)).isInstanceOf(OutputVerificationException.class);
        }
        assertThat(attacker.received())
                .filteredOn(r -> r.path().startsWith("/api/v3/files/"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isNull());
        assertThat(attacker.received())
                .filteredOn(r -> !r.path().startsWith("/api/v3/files/"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + Rig.KEY));
    }

    @Test
    void aBaseUrlCarryingTheKeyInItsUserInfoQueryOrFragmentIsRefusedWithoutRepeatingIt() {
        for (String url : new String[] {
            "https://user:" + Rig.KEY + "@api.wavespeed.ai",
            "https://api.wavespeed.ai/?key=" + Rig.KEY,
            "https://api.wavespeed.ai/#" + Rig.KEY,
            "http://user:" + Rig.KEY + "@api.wavespeed.ai"
        }) {
            assertThatThrownBy(() -> RenderEngine.builder().endpoint(ProviderId.WAVESPEED, URI.create(url)))
                    .as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> Secrets.assertAbsentFrom(e, Rig.KEY));
        }
    }

    @Test
    void theKeyIsInNoFileTheRenderLeaves() throws Exception {
        rig = Rig.start(dir);
        for (ProviderId host : ProviderId.values()) {
            RenderHandle handle =
                    rig.engine().start(rig.request(host).build(), rig.options().build());
            assertThat(Probe.await(handle)).isPresent();
            Files.move(rig.output(), rig.outputDir().resolve(host.id() + ".mp4"));
        }
        byte[] key = Rig.KEY.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile))
                    .as("files holding the key")
                    .noneMatch(f -> Secrets.contains(read(f), key));
        }
        assertThat(ApiKey.of(Rig.KEY).toString()).doesNotContain(Rig.KEY);
        assertThat(rig.options().build().toString()).doesNotContain(Rig.KEY);
    }

    @ParameterizedTest
    @EnumSource(
            value = ProviderId.class,
            names = {"WAVESPEED", "ATLASCLOUD"})
    void noKeyOrSecretInAnyCallbackHandling(ProviderId host) throws Exception {
        rig = Rig.start(dir, new Rig.Settings().webhooks());
        // One render per kind of callback: genuine, forged, wrong key, duplicated, out of order.
        rig.sim()
                .faults()
                .nextWebhook(WebhookFault.forged())
                .nextWebhook(WebhookFault.wrongKey())
                .nextWebhook(WebhookFault.duplicated())
                .nextWebhook(WebhookFault.outOfOrder());
        for (int i = 0; i < 5; i++) {
            RenderHandle handle = rig.engine()
                    .start(
                            rig.request(host).build(),
                            rig.options()
                                    .webhook(rig.webhookUrl())
                                    .output(rig.outputDir().resolve("clip-" + i + ".mp4"))
                                    .build());
            assertThat(Probe.await(handle)).isPresent();
        }
        // A stranger offers the key itself, in a header and in the body: refused, and not repeated.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(trustingAll())
                .build();
        HttpResponse<byte[]> reply = client.send(
                HttpRequest.newBuilder(rig.webhookUrl())
                        .header("Authorization", "Bearer " + Rig.KEY)
                        .header("webhook-id", Rig.KEY)
                        .header("webhook-timestamp", "1")
                        .header("webhook-signature", "v3," + "00".repeat(32))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + Rig.KEY + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).isEmpty();

        List<WebhookVerdict> verdicts = rig.verdicts();
        assertThat(verdicts).hasSizeGreaterThanOrEqualTo(6).anyMatch(WebhookVerdict::isAccepted);
        String secret = rig.sim().waveSpeedWebhookSecret();
        for (WebhookVerdict v : verdicts) {
            for (String text : List.of(v.detail(), v.toString())) {
                assertThat(text).doesNotContain(Rig.KEY).doesNotContain(secret.substring("whsec_".length()));
            }
        }
        assertThat(rig.engine().webhooks().toString()).doesNotContain(Rig.KEY);
        // The signing keys were fetched from the API origin, with the key, and from nowhere else.
        assertThat(rig.sim().stats().requests(host == ProviderId.WAVESPEED ? Route.WS_WEBHOOK_SECRET : Route.AC_JWKS))
                .isPositive();
        byte[] key = Rig.KEY.getBytes(StandardCharsets.UTF_8);
        byte[] secretBytes = secret.substring("whsec_".length()).getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile))
                    .as("files holding the key or the webhook secret")
                    .noneMatch(f -> Secrets.contains(read(f), key) || Secrets.contains(read(f), secretBytes));
        }
    }

    @Test
    void aHostThatRefusesTheSecretIsReportedWithoutTheKey() throws Exception {
        rig = Rig.start(dir, new Rig.Settings().webhooks());
        rig.sim().faults().next(Route.WS_WEBHOOK_SECRET, Fault.status(401));
        RenderHandle handle = rig.engine()
                .start(
                        rig.request(ProviderId.WAVESPEED).build(),
                        rig.options().webhook(rig.webhookUrl()).build());
        assertThat(Probe.await(handle)).isPresent();
        assertThat(rig.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.refusal()).contains(WebhookRefusal.KEY_UNAVAILABLE);
            assertThat(v.detail()).doesNotContain(Rig.KEY);
        });
    }

    /** The test's own client trusts the rig's throwaway certificate (it checks confinement, not TLS). */
    private static SSLContext trustingAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        return context;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Throwable failure(RenderHandle handle) throws Exception {
        try {
            handle.result().get(60, TimeUnit.SECONDS);
            throw new AssertionError("the render succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
