package io.jenkins.plugins.happyhorse.reliability.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesis;
import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesisListResult;
import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesisParam;
import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesisResult;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.task.AsyncTaskListParam;
import com.alibaba.dashscope.utils.Constants;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.time.ManualClock;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official client is the judge: Alibaba's own Java SDK ({@code com.alibaba:dashscope-sdk-java},
 * {@code VideoSynthesis.call}) renders with a local {@code file://} reference image against the
 * simulator's Model Studio host, pointed there by its documented base-URL setting. It uploads the
 * image through the temporary-storage policy and the storage origin, submits with the
 * {@code oss://} URL, polls until the task ends and hands back the video URL, exactly as it would
 * against the real host; the simulator refuses anything that does not follow the wire format.
 *
 * <p>The simulator runs on a manual clock: the test lets the task finish only after the client
 * has seen it unfinished once, so the client's own polling loop is exercised. The client sleeps
 * one real second between polls by design; nothing here depends on how fast the machine is.
 */
class DashScopeSdkConformanceTest {
    private static final Duration PROCESSING = Duration.ofSeconds(100);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final ExecutorService caller = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashscope-sdk-caller");
        thread.setDaemon(true);
        return thread;
    });
    private Simulator sim;
    private String previousBaseUrl;

    @BeforeEach
    void pointTheClientAtTheSimulator() throws Exception {
        sim = Simulator.builder()
                .clock(clock)
                .seed(13)
                .pictureScale(8)
                .processingTime(PROCESSING)
                .start();
        // The SDK's documented setting (also read from DASHSCOPE_HTTP_BASE_URL at class load).
        previousBaseUrl = Constants.baseHttpApiUrl;
        Constants.baseHttpApiUrl = sim.modelStudioBaseUrl().toString();
    }

    @AfterEach
    void restore() {
        Constants.baseHttpApiUrl = previousBaseUrl;
        caller.shutdownNow();
        sim.close();
    }

    @Test
    void videoSynthesisCallCompletesWithALocalImageUploadedToTemporaryStorage() throws Exception {
        Path image = png("horse.png");

        CompletableFuture<VideoSynthesisResult> call = callAsync(param(image));
        awaitFirstPoll();
        SimulatedJob running = sim.jobs().get(0);
        assertThat(running.status()).isIn("PENDING", "RUNNING");
        clock.advance(PROCESSING);
        VideoSynthesisResult result = call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.getOutput().getTaskStatus()).isEqualTo("SUCCEEDED");
        assertThat(result.getOutput().getTaskId()).isEqualTo(running.id());
        assertThat(result.getUsage().getVideoCount()).isEqualTo(1);
        assertThat(result.getUsage().getDuration()).isEqualTo(5f);
        byte[] video = download(result.getOutput().getVideoUrl());
        assertThat(topLevelBoxes(video)).containsSubsequence("ftyp", "moov", "mdat");
        assertThat(movieSeconds(video)).isEqualTo(5.0);

        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(sim.stats().submissions()).isEqualTo(1);
        assertThat(sim.stats().charges(Host.MODELSTUDIO)).isEqualByComparingTo("0.70");
        assertThat(sim.stats().requests(Route.MS_POLICY)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.MS_STORAGE)).isEqualTo(1);
        assertThat(sim.stats().storageUploads()).isEqualTo(1);
        assertThat(sim.stats().storageAuthorizations())
                .as("the API key never reaches storage")
                .isEmpty();
        assertThat(sim.stats().authenticationFailures()).isZero();
        SimulatedJob job = sim.jobs().get(0);
        assertThat(job.parameters().images()).singleElement().satisfies(url -> assertThat(url)
                .startsWith("oss://dashscope-instant/")
                .endsWith("/horse.png"));
        assertThat(job.parameters().resolution()).isEqualTo("720p");
        assertThat(job.seed()).isEqualTo(42);

        VideoSynthesisListResult listed = new VideoSynthesis()
                .list(AsyncTaskListParam.builder()
                        .apiKey(sim.apiKey())
                        .modelName("happyhorse-1.0-r2v")
                        .build());
        assertThat(listed.getTotal()).isEqualTo(1);
        assertThat(listed.getData()).singleElement().satisfies(task -> {
            assertThat(task.getTaskId()).isEqualTo(job.id());
            assertThat(task.getStatus()).isEqualTo("SUCCEEDED");
            assertThat(task.getRequestId()).isNotBlank();
        });
    }

    @Test
    void aModeratedTaskEndsTheCallWithTheHostsFailureCode() throws Exception {
        sim.faults().nextJob(Outcome.MODERATION);

        CompletableFuture<VideoSynthesisResult> call = callAsync(param(png("portrait.png")));
        awaitFirstPoll();
        clock.advance(PROCESSING);
        VideoSynthesisResult result = call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.getOutput().getTaskStatus()).isEqualTo("FAILED");
        assertThat(result.getOutput().getCode()).isEqualTo("DataInspectionFailed");
        assertThat(result.getOutput().getVideoUrl()).isNull();
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
    }

    @Test
    void theClientReadsTheHostsErrorEnvelopeAndUnknownTasks() throws Exception {
        VideoSynthesisParam wrongKey = VideoSynthesisParam.builder()
                .apiKey("not-the-key")
                .model("happyhorse-1.0-r2v")
                .prompt("[Image 1] trots")
                .media(List.of(VideoSynthesisParam.Media.builder()
                        .type(VideoSynthesis.MediaType.REFERENCE_IMAGE)
                        .url("https://images.example.invalid/a.png")
                        .build()))
                .build();
        VideoSynthesisParam unknownModel = VideoSynthesisParam.builder()
                .apiKey(sim.apiKey())
                .model("happyhorse-0.9-r2v")
                .prompt("[Image 1] trots")
                .media(wrongKey.getMedia())
                .build();

        ApiException refusedKey =
                catchThrowableOfType(ApiException.class, () -> new VideoSynthesis().asyncCall(wrongKey));
        ApiException refusedModel =
                catchThrowableOfType(ApiException.class, () -> new VideoSynthesis().asyncCall(unknownModel));
        VideoSynthesisResult unknown = new VideoSynthesis().fetch("0123456789abcdef0123456789abcdef", sim.apiKey());

        assertThat(refusedKey.getStatus().getStatusCode()).isEqualTo(401);
        assertThat(refusedKey.getStatus().getCode()).isEqualTo("InvalidApiKey");
        assertThat(refusedKey.getStatus().getRequestId()).isNotBlank();
        assertThat(refusedModel.getStatus().getStatusCode()).isEqualTo(400);
        assertThat(refusedModel.getStatus().getCode()).isEqualTo("InvalidParameter");
        assertThat(refusedModel.getStatus().getMessage()).isEqualTo("Model not exist.");
        assertThat(unknown.getOutput().getTaskStatus()).isEqualTo("UNKNOWN");
        assertThat(sim.stats().submissions()).isZero();
    }

    private VideoSynthesisParam param(Path image) {
        return VideoSynthesisParam.builder()
                .apiKey(sim.apiKey())
                .model("happyhorse-1.0-r2v")
                .prompt("[Image 1] gallops along the beach at sunset")
                .media(List.of(VideoSynthesisParam.Media.builder()
                        .type(VideoSynthesis.MediaType.REFERENCE_IMAGE)
                        .url(image.toUri().toString())
                        .build()))
                .resolution("720P")
                .ratio("16:9")
                .duration(5)
                .seed(42)
                .watermark(false)
                .build();
    }

    private CompletableFuture<VideoSynthesisResult> callAsync(VideoSynthesisParam param) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new VideoSynthesis().call(param);
                    } catch (Exception e) {
                        throw new IllegalStateException("the official client failed: " + e, e);
                    }
                },
                caller);
    }

    /** Waits (bounded) until the client has asked for the task once, so it has seen it unfinished. */
    private void awaitFirstPoll() throws InterruptedException {
        awaitCondition(() -> sim.stats().requests(Route.MS_TASK) >= 1);
        assertThat(sim.stats().requests(Route.MS_TASK)).isGreaterThanOrEqualTo(1);
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private Path png(String name) throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 120, 40));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static byte[] download(String url) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<byte[]> reply = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("video/mp4");
        return reply.body();
    }

    private static List<String> topLevelBoxes(byte[] mp4) {
        List<String> types = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(mp4);
        int position = 0;
        while (position + 8 <= mp4.length) {
            long size = Integer.toUnsignedLong(buffer.getInt(position));
            types.add(new String(mp4, position + 4, 4, StandardCharsets.US_ASCII));
            if (size < 8) {
                break;
            }
            position += (int) size;
        }
        return types;
    }

    /** The duration in the movie header ({@code moov/mvhd}, version 0). */
    private static double movieSeconds(byte[] mp4) {
        String text = new String(mp4, StandardCharsets.ISO_8859_1);
        int mvhd = text.indexOf("mvhd");
        ByteBuffer buffer = ByteBuffer.wrap(mp4);
        long timescale = Integer.toUnsignedLong(buffer.getInt(mvhd + 4 + 4 + 8));
        long duration = Integer.toUnsignedLong(buffer.getInt(mvhd + 4 + 4 + 12));
        return (double) duration / timescale;
    }
}
