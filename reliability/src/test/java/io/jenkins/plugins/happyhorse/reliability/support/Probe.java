package io.jenkins.plugins.happyhorse.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Looks at the simulator from the side, the way a curious user with the key would, to check
 * that a quirk the simulator draws per job was really played (an Atlas Cloud failure answered
 * as HTTP 500, the 404/400 of a fresh prediction), and small waits on a running render.
 */
public final class Probe {
    /** An image URL the simulator accepts without fetching it (it draws a pattern instead). */
    public static final String REMOTE_IMAGE = "https://images.example.com/horse.png";

    private static final String EARLY_STATUS = "early-status";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Probe() {}

    /** Waits until the render has a prediction id, i.e. the host accepted the job (at most 30 s, a safety bound). */
    public static String awaitPredictionId(RenderHandle handle) {
        boolean ok = Resources.awaitTrue(
                () -> handle.checkpoint().map(RenderCheckpoint::predictionId).isPresent()
                        || handle.result().isDone(),
                30_000);
        assertThat(ok).as("the render got a prediction id in time").isTrue();
        return handle.checkpoint().map(RenderCheckpoint::predictionId).orElseThrow();
    }

    /** The HTTP status Atlas Cloud answers now for the newest job's prediction. */
    public static int atlasPredictionStatus(Rig rig, String id) {
        URI url = URI.create(rig.sim().atlasCloudBaseUrl() + "/model/prediction/" + id);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + Rig.KEY)
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError("the probe could not reach the simulator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Asserts that the newest job's prediction, now final, is answered with HTTP {@code status}. */
    public static void requireFinalPredictionStatus(Rig rig, int status) {
        List<SimulatedJob> jobs = rig.sim().jobs();
        assertThat(jobs).isNotEmpty();
        String id = jobs.get(jobs.size() - 1).id();
        assertThat(atlasPredictionStatus(rig, id))
                .as("HTTP status of the failed prediction")
                .isEqualTo(status);
    }

    /**
     * A checkpoint sink that keeps the checkpoints in the rig and, the moment the prediction id
     * is known, asks the host once about it: a fresh Atlas Cloud prediction answers 404 or 400.
     */
    public static Consumer<RenderCheckpoint> recordingEarlyStatus(Rig rig) {
        return checkpoint -> {
            rig.checkpoints().add(checkpoint);
            if (checkpoint.predictionId() != null && !rig.notes().containsKey(EARLY_STATUS)) {
                rig.notes().put(EARLY_STATUS, atlasPredictionStatus(rig, checkpoint.predictionId()));
            }
        };
    }

    /**
     * A checkpoint sink that keeps the checkpoints in the rig and, the moment the prediction id is
     * known, holds the rig's clock: the render parks on its first poll, so whatever a test does
     * next happens "while the job runs" however long it takes. The test releases the clock.
     */
    public static Consumer<RenderCheckpoint> holdingTimeOnceSubmitted(Rig rig) {
        return checkpoint -> {
            rig.checkpoints().add(checkpoint);
            if (checkpoint.predictionId() != null) {
                rig.scheduler().hold();
            }
        };
    }

    /** Asserts that the early status recorded by {@link #recordingEarlyStatus} is {@code status}. */
    public static void requireEarlyStatus(Rig rig, int status) {
        assertThat(rig.notes().get(EARLY_STATUS))
                .as("status of the fresh prediction")
                .isEqualTo(status);
    }

    /** Asserts that some progress event says {@code text}. */
    public static void requireEvent(Rig rig, String text) {
        assertThat(rig.events()).anySatisfy(e -> assertThat(e.message()).contains(text));
    }

    /**
     * Renders {@link #REMOTE_IMAGE} once on {@code provider} to a separate folder, so that the
     * host's history already holds a job for the same input.
     */
    public static void renderOnceBefore(Rig rig, ProviderId provider) {
        renderOnceBefore(rig, provider, rig.engine());
    }

    /**
     * Renders {@link #REMOTE_IMAGE} once on {@code provider} through {@code engine} (for example
     * {@link Rig#otherEngine()}: another process with the same key), as {@link
     * #renderOnceBefore(Rig, ProviderId)} does.
     */
    public static void renderOnceBefore(Rig rig, ProviderId provider, RenderEngine engine) {
        // Only the submit matters (the job must be in the host's history): stop waiting once the
        // host has it, so the first job stays well inside the history window however slow the
        // machine is.
        CompletableFuture<String> submitted = new CompletableFuture<>();
        RenderHandle first = engine.start(
                rig.request(provider).images(List.of(REMOTE_IMAGE)).build(),
                rig.options()
                        .output(rig.outputDir().resolveSibling("first").resolve("clip.mp4"))
                        .checkpointSink(cp -> {
                            if (cp.predictionId() != null) {
                                submitted.complete(cp.predictionId());
                            }
                        })
                        .build());
        try {
            assertThat(submitted.get(30, TimeUnit.SECONDS))
                    .as("the first job's id")
                    .isNotBlank();
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the first render was not submitted", e);
        } finally {
            first.cancel();
        }
        await(first);
    }

    /**
     * A {@link Relay} closed with the rig whose {@code /to-target} redirects to the newest job's
     * output URL on the simulator's media origin.
     */
    public static Relay relay(Rig rig) {
        try {
            Relay relay = rig.closeLater(new Relay(() -> {
                List<SimulatedJob> jobs = rig.sim().jobs();
                return URI.create(jobs.get(jobs.size() - 1).outputUrl());
            }));
            rig.notes().put("relay", relay);
            return relay;
        } catch (IOException e) {
            throw new AssertionError("the relay could not start", e);
        }
    }

    /** Asserts that the rig's relay was visited, and never with an Authorization header. */
    public static void requireRelayVisitedWithoutKey(Rig rig) {
        Relay relay = (Relay) rig.notes().get("relay");
        assertThat(relay.seen()).isNotEmpty().allSatisfy(seen -> assertThat(seen.authorization())
                .isNull());
    }

    /** The result of a render, empty when it failed; fails the test when it takes over a minute. */
    public static Optional<RenderResult> await(RenderHandle handle) {
        try {
            return Optional.of(handle.result().get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (TimeoutException e) {
            handle.cancel();
            throw new AssertionError("the render did not end within a minute", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
