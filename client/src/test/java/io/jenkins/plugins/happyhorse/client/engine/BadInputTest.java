package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.testing.TestFiles;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every bad input is refused before any call: the simulator receives nothing. */
class BadInputTest extends SimulatorTestSupport {

    private Map<String, UnaryOperator<RenderRequest.Builder>> badInputs() throws IOException {
        Path empty = TestFiles.write(dir, "empty.png", new byte[0]);
        Path text = TestFiles.write(dir, "text.png", "not a picture at all".getBytes());
        Path gif = TestFiles.write(dir, "anim.png", "GIF89a..........".getBytes());
        Path big = dir.resolve("huge.jpg");
        Files.write(big, TestFiles.jpeg(16));
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), 21L * 1024 * 1024);
        }
        Map<String, UnaryOperator<RenderRequest.Builder>> bad = new LinkedHashMap<>();
        bad.put("no images", b -> b.images(List.of()));
        bad.put("ten images", b -> {
            List<String> ten = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ten.add("https://images.example.com/" + i + ".png");
            }
            return b.images(ten);
        });
        bad.put("missing file", b -> b.images(List.of(dir.resolve("nope.png").toString())));
        bad.put("directory", b -> b.images(List.of(dir.toString())));
        bad.put("empty file", b -> b.images(List.of(empty.toString())));
        bad.put("text named .png", b -> b.images(List.of(text.toString())));
        bad.put("gif named .png", b -> b.images(List.of(gif.toString())));
        bad.put("over 20 MB", b -> b.images(List.of(big.toString())));
        bad.put("http url", b -> b.images(List.of("http://images.example.com/a.png")));
        bad.put("file url", b -> b.images(List.of("file:///etc/hosts")));
        bad.put("ftp url", b -> b.images(List.of("ftp://images.example.com/a.png")));
        bad.put("data url", b -> b.images(List.of("data:image/png;base64,iVBORw0KGgo=")));
        bad.put("url too long", b -> b.images(List.of("https://images.example.com/" + "a".repeat(2100))));
        bad.put("blank image", b -> b.images(List.of(" ")));
        bad.put("empty prompt", b -> b.prompt(""));
        bad.put("blank prompt", b -> b.prompt("   \n"));
        bad.put("prompt too long", b -> b.prompt("p".repeat(2501)));
        bad.put("resolution 4k", b -> b.resolution("4k"));
        bad.put("resolution 480p", b -> b.resolution("480p"));
        bad.put("aspect 21:9", b -> b.aspectRatio("21:9"));
        bad.put("aspect 16x9", b -> b.aspectRatio("16x9"));
        bad.put("duration 2", b -> b.duration(2));
        bad.put("duration 16", b -> b.duration(16));
        bad.put("duration negative", b -> b.duration(-5));
        bad.put("seed negative", b -> b.seed(-1L));
        bad.put("seed too large", b -> b.seed(2147483648L));
        bad.put("unknown provider", b -> b.provider("runway"));
        bad.put("model with spaces", b -> b.model("some model"));
        bad.put("model path escape", b -> b.model("../../admin"));
        return bad;
    }

    @Test
    void everyBadInputIsRefusedWithoutAnyRequest() throws IOException {
        Path good = image("good.png", Color.GREEN);
        Map<String, UnaryOperator<RenderRequest.Builder>> bad = badInputs();
        assertThat(bad).hasSizeGreaterThanOrEqualTo(20);
        for (Map.Entry<String, UnaryOperator<RenderRequest.Builder>> c : bad.entrySet()) {
            RenderRequest request = c.getValue()
                    .apply(RenderRequest.builder()
                            .provider(c.getKey().hashCode() % 2 == 0 ? ProviderId.ATLASCLOUD : ProviderId.WAVESPEED)
                            .image(good)
                            .prompt("a horse"))
                    .build();
            Throwable error = failure(engine.start(request, options().build()));
            assertThat(error).as(c.getKey()).isInstanceOf(InvalidRequestException.class);
            assertThat(((InvalidRequestException) error).violations())
                    .as(c.getKey())
                    .isNotEmpty();
            assertThat(error.getMessage()).as(c.getKey()).contains("allowed:");
        }
        assertThat(sim.stats().requests(Route.ANY)).isZero();
        assertThat(sim.stats().unmatchedRequests()).isZero();
        assertThat(output()).doesNotExist();
    }

    @Test
    void anOutputThatCannotTakeTheClipIsRefusedBeforeAnyCall() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("existing-folder.mp4"));
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder is expected");
        Map<Path, String> outputs = new LinkedHashMap<>();
        outputs.put(folder, "it is an existing directory");
        outputs.put(blocker.resolve("clip.mp4"), "its folder " + blocker + " is a file");
        outputs.put(blocker.resolve("deeper").resolve("clip.mp4"), "because " + blocker + " is a file");
        for (Map.Entry<Path, String> c : outputs.entrySet()) {
            Throwable error = failure(engine.start(
                    request(ProviderId.WAVESPEED).build(),
                    options().output(c.getKey()).build()));
            assertThat(error).as(c.getKey().toString()).isExactlyInstanceOf(InvalidRequestException.class);
            assertThat(((InvalidRequestException) error).violations())
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.field()).isEqualTo("output");
                        assertThat(v.value()).endsWith(c.getKey().getFileName().toString());
                        assertThat(v.reason()).contains(c.getValue());
                        assertThat(v.allowed()).contains("file path").contains("not an existing directory");
                    });
        }
        // The same check guards a resume, which would otherwise wait for the job and fail at the end.
        RenderCheckpoint checkpoint = new RenderCheckpoint(
                ProviderId.WAVESPEED,
                sim.waveSpeedBaseUrl(),
                ClipSpec.DEFAULT_MODEL,
                "digest",
                null,
                "prediction-1",
                scheduler.now(),
                Resolution.P720,
                AspectRatio.R16_9,
                3,
                null,
                new BigDecimal("0.42"));
        assertThat(failure(engine.resume(checkpoint, options().output(folder).build())))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("output:");
        assertThat(sim.stats().requests(Route.ANY)).isZero();
        assertThat(sim.stats().unmatchedRequests()).isZero();
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void anOutputWhoseFolderDoesNotExistYetIsAccepted() throws IOException {
        Path deep = dir.resolve("a").resolve("b").resolve("clip.mp4");
        assertThat(await(engine.start(
                                request(ProviderId.ATLASCLOUD).build(),
                                options().output(deep).build()))
                        .output())
                .isEqualTo(deep.toAbsolutePath())
                .isNotEmptyFile();
    }

    @Test
    void aRequestAboveTheCostLimitIsRefusedBeforeAnyCall() throws IOException {
        RenderRequest request =
                request(ProviderId.WAVESPEED).resolution("1080p").duration(15).build();
        Throwable error = failure(
                engine.start(request, options().maxCost(new BigDecimal("2.00")).build()));
        assertThat(error)
                .isInstanceOf(CostLimitExceededException.class)
                .hasMessageContaining("4.20")
                .hasMessageContaining("2.00")
                // The command line calls it --max-cost and the plugin maxCost: the message names neither.
                .hasMessageContaining("Raise the cost limit")
                .hasMessageNotContaining("maxCost");
        assertThat(((CostLimitExceededException) error).estimate()).isEqualByComparingTo("4.20");
        assertThat(sim.stats().requests(Route.ANY)).isZero();
    }

    @Test
    void aDryRunValidatesAndEstimatesWithoutAnyCall() throws IOException {
        RenderResult result = await(engine.start(
                request(ProviderId.ATLASCLOUD).duration(10).build(),
                RenderOptions.builder().dryRun(true).build()));
        assertThat(result.dryRun()).isTrue();
        assertThat(result.cost()).isEqualByComparingTo("1.40");
        assertThat(result.output()).isNull();
        assertThat(sim.stats().requests(Route.ANY)).isZero();
    }

    @Test
    void estimatesWithoutAnyCall() throws IOException {
        CostEstimate estimate = engine.estimate(request(ProviderId.WAVESPEED)
                .resolution("1080p")
                .duration(10)
                .build()
                .parse()
                .orElseThrow());
        assertThat(estimate.usd()).isEqualByComparingTo("2.80");
        assertThat(estimate.provider()).isEqualTo(ProviderId.WAVESPEED);
        assertThat(sim.stats().requests(Route.ANY)).isZero();
    }

    @Test
    void plainHttpBaseUrlsAreOnlyAllowedOnLoopback() {
        assertThatThrownBy(() ->
                        RenderEngine.builder().endpoint(ProviderId.WAVESPEED, URI.create("http://api.wavespeed.ai")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API base URL for wavespeed")
                .hasMessageContaining("https");
        assertThatThrownBy(() -> RenderEngine.builder().endpoint(ProviderId.ATLASCLOUD, URI.create("ftp://x/api")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RenderEngine.checkBaseUrl(ProviderId.WAVESPEED, URI.create("http://localhost:8080")))
                .hasPort(8080);
        assertThat(RenderEngine.checkBaseUrl(ProviderId.ATLASCLOUD, URI.create("https://proxy.corp/api/v1")))
                .hasHost("proxy.corp");
    }

    @Test
    void loopbackTrafficBypassesAConfiguredProxy() throws IOException {
        // The proxy port is closed: the render can only succeed if loopback goes direct.
        try (RenderEngine proxied =
                engineBuilder().proxy(ProxySettings.of("127.0.0.1", 9)).build()) {
            assertThat(await(proxied.start(
                                    request(ProviderId.WAVESPEED).build(),
                                    options().build()))
                            .output())
                    .exists();
        }
    }
}
