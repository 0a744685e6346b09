package io.jenkins.plugins.happyhorse.client.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.engine.PollingPolicy;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.fuzz.FuzzHost.Script;
import io.jenkins.plugins.happyhorse.client.fuzz.FuzzHost.Target;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replies the random generator of {@link ResponseParserFuzzTest} meets only now and then, each
 * played on purpose: output URLs without a host, history timestamps out of any date range, and
 * the like. Each must end in a specific typed failure.
 */
class ReplyEdgeCasesTest {
    @TempDir
    Path dir;

    private SteppedScheduler scheduler;
    private FuzzHost host;
    private RenderEngine engine;

    @BeforeEach
    void start() throws IOException {
        scheduler = new SteppedScheduler();
        host = new FuzzHost(scheduler::now);
        engine = RenderEngine.builder()
                .endpoint(ProviderId.WAVESPEED, host.waveSpeedBase())
                .endpoint(ProviderId.ATLASCLOUD, host.atlasBase())
                .endpoint(ProviderId.MODELSTUDIO, host.modelStudioBase())
                .scheduler(scheduler)
                .responseTimeout(Duration.ofSeconds(2))
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(2)
                        .baseDelay(Duration.ofMillis(100))
                        .build())
                .pollingPolicy(PollingPolicy.builder().expectedTime(2, 0, 1).build())
                .build();
    }

    @AfterEach
    void stop() {
        engine.close();
        host.close();
        assertThat(host.keyOffApi()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ProviderId.class)
    void anOutputUrlWithoutAHostIsAProtocolError(ProviderId provider) {
        for (String url :
                new String[] {"clip.mp4", "/outputs/clip.mp4", "mailto:someone", "file:///etc/passwd", "\ud83d\udc0e"
                }) {
            Throwable error = failure(provider, Target.POLL, poll(provider, url));
            assertThat(error).as(url).isExactlyInstanceOf(ProtocolException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/clip.mp4", "http://[::1", "http://example.com/clip.mp4"})
    void anOutputUrlOfAnotherSchemeIsAProtocolError(String url) {
        for (ProviderId provider : ProviderId.values()) {
            Throwable error = failure(provider, Target.POLL, poll(provider, url));
            assertThat(error).as(provider + " " + url).isExactlyInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void aHistoryTimestampOutOfRangeIsTreatedAsUnreadable() {
        for (String createdAt : new String[] {"-99999999999999999", "9223372036854775807", "-9223372036854775808"}) {
            // The listed task is someone else's (the host's record of an earlier render, if any):
            // each round renders its own prompt, so the lookup must read the list and find nothing.
            ObjectNode history = (ObjectNode) host.validHistory();
            byte[] body = history.toString()
                    .replaceFirst("\"created_at\":\"[^\"]*\"", "\"created_at\":" + createdAt)
                    .getBytes(StandardCharsets.UTF_8);
            Throwable error = failure(
                    ProviderId.ATLASCLOUD,
                    Target.HISTORY,
                    body,
                    b -> b.prompt("A horse gallops along a beach, take " + createdAt));
            assertThat(error).as(createdAt).isExactlyInstanceOf(SubmissionUncertainException.class);
            // Read, not refused as a whole: the undated entry was simply not this render's job.
            assertThat(error.getMessage()).as(createdAt).contains("shows no job for this request");
            assertThat(ResponseParserFuzzTest.problem(error)).as(createdAt).isNull();
        }
    }

    @Test
    void aHistoryWithAnUnreadableDateIsNotAMatch() {
        byte[] body = host.validHistory()
                .toString()
                .replaceFirst("\"created_at\":\"[^\"]*\"", "\"created_at\":\"yesterday\"")
                .getBytes(StandardCharsets.UTF_8);
        Throwable error = failure(ProviderId.ATLASCLOUD, Target.HISTORY, body);
        assertThat(ResponseParserFuzzTest.problem(error)).isNull();
    }

    private byte[] poll(ProviderId provider, String url) {
        ObjectNode body = (ObjectNode) host.validPoll(provider, "completed");
        if (provider == ProviderId.MODELSTUDIO) {
            ((ObjectNode) body.get("output")).put("video_url", url);
            return body.toString().getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode data = (ObjectNode) body.get("data");
        data.remove("output");
        data.putArray("outputs").add(url);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Throwable failure(ProviderId provider, Target target, byte[] body) {
        return failure(provider, target, body, b -> b);
    }

    private Throwable failure(
            ProviderId provider, Target target, byte[] body, UnaryOperator<RenderRequest.Builder> change) {
        host.play(new Script(target, 200, body));
        RenderRequest request = change.apply(RenderRequest.builder()
                        .provider(provider)
                        .image("https://images.example.com/horse.png")
                        .prompt("A horse gallops along a beach at sunset")
                        .duration(3)
                        .seed(7L))
                .build();
        try {
            engine.start(
                            request,
                            RenderOptions.builder()
                                    .apiKey(ApiKey.of(FuzzHost.KEY))
                                    .output(dir.resolve("clip.mp4"))
                                    .deadline(Duration.ofMinutes(10))
                                    .build())
                    .result()
                    .get(15, TimeUnit.SECONDS);
            throw new AssertionError("the render succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
