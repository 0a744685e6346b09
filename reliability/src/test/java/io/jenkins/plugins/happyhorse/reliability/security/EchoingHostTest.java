package io.jenkins.plugins.happyhorse.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.reliability.support.Images;
import io.jenkins.plugins.happyhorse.reliability.support.Probe;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.reliability.support.ScriptedOrigin;
import io.jenkins.plugins.happyhorse.reliability.support.ScriptedOrigin.Answer;
import io.jenkins.plugins.happyhorse.reliability.support.ScriptedOrigin.Request;
import io.jenkins.plugins.happyhorse.reliability.support.Secrets;
import java.awt.Color;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host that repeats the caller's key in everything it says: error messages, job errors,
 * status words, request ids. Whatever it says, the key must not come out of the engine in a
 * failure's text, an event or a checkpoint.
 */
class EchoingHostTest {
    @TempDir
    Path dir;

    static Stream<Arguments> echoes() {
        return Stream.of(
                Arguments.of("upload refused with 401 naming the key", (Function<Request, Answer>)
                        r -> isUpload(r) ? error(401, r) : ok(r)),
                Arguments.of("submit refused with 400 naming the key", (Function<Request, Answer>)
                        r -> isSubmit(r) ? error(400, r) : ok(r)),
                Arguments.of("submit refused with 402 naming the key", (Function<Request, Answer>)
                        r -> isSubmit(r) ? error(402, r) : ok(r)),
                Arguments.of("poll answering 503 naming the key", (Function<Request, Answer>)
                        r -> isPoll(r) ? error(503, r) : ok(r)),
                Arguments.of("job failing with the key in its error", (Function<Request, Answer>) r -> isPoll(r)
                        ? Answer.json(
                                200,
                                isModelStudio(r)
                                        ? "{\"output\":{\"task_id\":\"p1\",\"task_status\":\"FAILED\",\"code\":"
                                                + "\"InternalError\",\"message\":\"bad " + key(r) + "\"}}"
                                        : "{\"code\":200,\"data\":{\"id\":\"p1\",\"status\":\"failed\",\"error\":\"bad "
                                                + key(r) + "\"}}")
                        : ok(r)),
                Arguments.of("status word that is the key", (Function<Request, Answer>) r -> isPoll(r)
                        ? Answer.json(
                                200,
                                isModelStudio(r)
                                        ? "{\"output\":{\"task_id\":\"p1\",\"task_status\":\"" + key(r) + "\"}}"
                                        : "{\"code\":200,\"data\":{\"id\":\"p1\",\"status\":\"" + key(r) + "\"}}")
                        : ok(r)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("echoes")
    void theKeyNeverComesBackOut(String name, Function<Request, Answer> script) throws Exception {
        renderAgainst(name, script);
    }

    @Test
    void aRequestIdThatRepeatsTheKeyIsRedacted() throws Exception {
        renderAgainst("submit refused with 402 and the key in X-Request-ID", r -> {
            if (!isSubmit(r)) {
                return ok(r);
            }
            return new Answer(
                    402,
                    Map.of("Content-Type", "application/json", "X-Request-ID", "req-" + key(r).replace(' ', '-')),
                    "{\"code\":402,\"message\":\"no credit\"}".getBytes(StandardCharsets.UTF_8),
                    0);
        });
    }

    private void renderAgainst(String name, Function<Request, Answer> script) throws Exception {
        Path picture = Images.reference(dir.resolve("horse.png"), Color.ORANGE);
        for (ProviderId host : ProviderId.values()) {
            List<RenderEvent> events = new CopyOnWriteArrayList<>();
            List<RenderCheckpoint> checkpoints = new CopyOnWriteArrayList<>();
            try (ScriptedOrigin origin = new ScriptedOrigin(script);
                    RenderEngine engine = RenderEngine.builder()
                            .endpoint(ProviderId.WAVESPEED, origin.url(""))
                            .endpoint(ProviderId.ATLASCLOUD, URI.create(origin.url("") + "/api/v1"))
                            .endpoint(ProviderId.MODELSTUDIO, URI.create(origin.url("") + "/api/v1"))
                            .scheduler(new SteppedScheduler())
                            .retryPolicy(RetryPolicy.builder().maxAttempts(2).build())
                            .build()) {
                RenderHandle handle = engine.start(
                        RenderRequest.builder()
                                .provider(host)
                                // Only the upload case uploads; the others name the image by URL.
                                .image(name.startsWith("upload") ? picture.toString() : Probe.REMOTE_IMAGE)
                                .prompt("A horse gallops along a beach at sunset")
                                .duration(3)
                                .build(),
                        RenderOptions.builder()
                                .apiKey(ApiKey.of(Rig.KEY))
                                .output(dir.resolve("clip.mp4"))
                                .deadline(Duration.ofHours(1))
                                .listener(events::add)
                                .checkpointSink(checkpoints::add)
                                .build());
                Throwable error = failure(handle);
                assertThat(error).as(host + ": " + name).isInstanceOf(RenderException.class);
                assertThat(origin.received()).as("the host did echo the key").anyMatch(r -> r.authorization() != null);
                Secrets.assertAbsentFrom(error, Rig.KEY);
                Secrets.assertAbsentFromEvents(events, Rig.KEY);
                Secrets.assertAbsentFromCheckpoints(checkpoints, Rig.KEY);
            }
        }
    }

    // ---- a host that says the key in every answer ------------------------------------------------

    private static boolean isUpload(Request r) {
        return r.path().contains("/uploads") || r.path().contains("/uploadMedia");
    }

    private static boolean isSubmit(Request r) {
        return r.path().contains("/reference-to-video")
                || r.path().contains("/generateVideo")
                || r.path().contains("/video-synthesis");
    }

    private static boolean isPoll(Request r) {
        return r.path().contains("/predictions/")
                || r.path().contains("/prediction/")
                || r.path().contains("/tasks/");
    }

    private static boolean isModelStudio(Request r) {
        return r.path().contains("/video-synthesis") || r.path().contains("/tasks");
    }

    /** The key the caller sent (the whole Authorization header, scheme included). */
    private static String key(Request r) {
        return String.valueOf(r.authorization());
    }

    private static Answer error(int status, Request r) {
        String said = "request from " + key(r) + " refused";
        return new Answer(
                status,
                Map.of("Content-Type", "application/json"),
                ("{\"code\":" + status + ",\"message\":\"" + said + "\",\"msg\":\"" + said + "\"}")
                        .getBytes(StandardCharsets.UTF_8),
                0);
    }

    /** Valid answers for the calls a test does not damage. */
    private static Answer ok(Request r) {
        if (isModelStudio(r)) {
            return isSubmit(r)
                    ? Answer.json(200, "{\"output\":{\"task_id\":\"p1\",\"task_status\":\"PENDING\"}}")
                    : Answer.json(
                            200,
                            "{\"output\":{\"task_id\":\"p1\",\"task_status\":\"FAILED\",\"code\":\"x\","
                                    + "\"message\":\"no\"}}");
        }
        if (isSubmit(r)) {
            return Answer.json(200, "{\"code\":200,\"data\":{\"id\":\"p1\",\"status\":\"created\"}}");
        }
        return Answer.json(200, "{\"code\":200,\"data\":{\"id\":\"p1\",\"status\":\"failed\",\"error\":\"no\"}}");
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
