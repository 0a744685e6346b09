package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/** One question to a host about a job, outside any render ({@link RenderEngine#status}). */
final class StatusQuery {
    private StatusQuery() {}

    /** Asks {@code job}'s host once, on a session of its own that retries until {@code deadline}. */
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
