package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/** One question to a host about a job, whose future aborts the call when cancelled. */
final class StatusCall {
    private StatusCall() {}

    /** What the host says about the job {@code checkpoint} names, if it is this engine's host's and has an id. */
    static CompletableFuture<Prediction> about(
            RenderEngine engine, RenderCheckpoint checkpoint, ApiKey key, Duration deadline) {
        URI endpoint = engine.endpoint(checkpoint.provider());
        if (!BaseUrls.sameBase(checkpoint.baseUrl(), endpoint)) {
            return CompletableFuture.failedFuture(RenderMessages.otherHost(checkpoint, endpoint));
        }
        if (checkpoint.predictionId() == null) {
            return CompletableFuture.failedFuture(RenderMessages.noPredictionId(checkpoint));
        }
        Instant acceptedAt = checkpoint.adopted() ? null : checkpoint.submittedAt();
        return ask(engine, checkpoint.job().orElseThrow(), acceptedAt, key, deadline);
    }

    /**
     * What the host says about {@code job} (accepted at {@code acceptedAt}, or null when unknown),
     * asked with {@code key} until {@code deadline} of engine-clock time; cancelling the future
     * aborts the call, not the job.
     */
    static CompletableFuture<Prediction> ask(
            RenderEngine engine, JobRef job, Instant acceptedAt, ApiKey key, Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        if (key == null) {
            return CompletableFuture.failedFuture(RenderMessages.keyRequired("ask about a job"));
        }
        Provider provider = engine.provider(job.provider());
        HostSession session =
                engine.openSession(provider, key, engine.scheduler().now().plus(deadline));
        CompletableFuture<Prediction> result = new CompletableFuture<>();
        provider.poll(session, job.predictionId(), acceptedAt).whenComplete((prediction, error) -> {
            if (error != null) {
                result.completeExceptionally(Failures.unwrap(error));
            } else {
                result.complete(prediction);
            }
        });
        result.whenComplete((prediction, error) -> {
            if (error instanceof CancellationException) {
                session.cancel(new RenderCancelledException(
                        "The status request was cancelled; the job itself is not affected."));
            }
        });
        return result;
    }
}
