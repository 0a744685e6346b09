package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.spec.ImageLimits;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource.LocalImage;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One host: the only place that knows its paths, field names, status words and quirks. Everything
 * above it speaks the neutral model ({@link Prediction}, {@link PredictionStatus}, {@link
 * SubmittedInput}). All methods return at once; the work happens on the session's async
 * transport.
 */
public interface Provider {

    /** Which host this is. */
    ProviderId id();

    /** The API base URL that paths are appended to (and the only origin that gets the key). */
    URI baseUrl();

    /**
     * What this host accepts as a reference image; checked against each local image's facts
     * before any call. {@link ImageLimits#STANDARD} (20 MB; png, jpeg or webp; any size) unless
     * the host documents narrower limits.
     */
    default ImageLimits imageLimits() {
        return ImageLimits.STANDARD;
    }

    /**
     * How many job queries per second this host allows one account, shared by every render of an
     * engine that uses the same key; 0 when the host publishes no limit.
     */
    default int queriesPerSecond() {
        return 0;
    }

    /**
     * How many upload preparations per second this host allows one account (Model Studio's
     * upload policies), shared like {@link #queriesPerSecond()}; 0 when the host publishes none.
     */
    default int uploadsPerSecond() {
        return 0;
    }

    /**
     * How long the host remembers a job (and serves its clip) after it was submitted, when it
     * forgets it: a checkpoint older than that cannot be resumed.
     */
    default Optional<Duration> jobLifetime() {
        return Optional.empty();
    }

    /**
     * What the host can do about a job the user no longer wants, for the message of a cancelled
     * render, e.g. {@code cannot cancel a job}.
     */
    default String cancelNote() {
        return "cannot cancel a job";
    }

    /**
     * Uploads a local image to the host's media storage and returns the URL the host will read it
     * from: {@code image.facts().bytes()} bytes of {@code image.facts().format()}, as read when
     * the spec was parsed. Repeated on 429, 5xx and connection errors.
     *
     * @param model the model the image is for (a host may bind an upload to one model)
     */
    CompletableFuture<URI> upload(HostSession session, String model, LocalImage image);

    /**
     * Sends the submit once, never repeated, and returns the job id. Fails with {@link
     * io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException} when the host may have
     * created the job without the engine learning its id, and with a typed {@link
     * io.jenkins.plugins.happyhorse.client.error.RenderException} when the host definitely refused it.
     */
    CompletableFuture<String> submit(HostSession session, String model, SubmittedInput input);

    /**
     * Sends the submit once, as {@link #submit(HostSession, String, SubmittedInput)} does, asking
     * the host to call {@code callback} back when the job ends; a null {@code callback} asks for
     * none. Only a host whose {@link #webhooks()} is present can be asked.
     */
    default CompletableFuture<String> submit(HostSession session, String model, SubmittedInput input, URI callback) {
        if (callback != null) {
            return CompletableFuture.failedFuture(
                    new UnsupportedOperationException(id().displayName() + " cannot be asked to call back"));
        }
        return submit(session, model, input);
    }

    /**
     * How this host calls back when a job ends, when it can be asked to per submit; empty when it
     * cannot (Model Studio), and then a render only polls.
     */
    default Optional<HostWebhooks> webhooks() {
        return Optional.empty();
    }

    /**
     * Asks for the job's state once (the call itself is repeated on 429, 5xx and connection
     * errors). {@code acceptedAt} (engine clock: when the submit reply arrived, or when the
     * submit was sent if that is all that is known) lets a host's quirks around fresh jobs be
     * recognised.
     */
    CompletableFuture<Prediction> poll(HostSession session, String predictionId, Instant acceptedAt);

    /** How {@link #findSubmission} can ask this host about a submit whose reply was lost. */
    SubmissionLookup submissionLookup();

    /** Whether {@link #findSubmission} can ask this host about a submit whose reply was lost. */
    default boolean canFindSubmissions() {
        return submissionLookup() != SubmissionLookup.NONE;
    }

    /**
     * Looks for the jobs that may have been created by a submit sent at {@code submittedAt} whose
     * reply was lost, and returns their ids, newest first. With {@link SubmissionLookup#BY_INPUT}
     * those created from an input with this {@link SubmittedInput#digest()} no earlier than two
     * minutes before {@code submittedAt}; with {@link SubmissionLookup#BY_MODEL_AND_TIME} every job
     * of {@code model} created within two minutes of it, whatever its input.
     */
    CompletableFuture<List<String>> findSubmission(
            HostSession session, String model, String inputDigest, Instant submittedAt);
}
