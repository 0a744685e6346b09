package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.error.StorageException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.http.Origin;
import io.jenkins.plugins.happyhorse.client.job.JobAge;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.media.Mp4Info;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Every sentence a render says to its user, in one place: progress events and the failures that
 * end a render. Each failure says what happened and what to do next. Text that came from a host
 * arrives here already redacted (the callers pass the session's redaction), so no message holds
 * the key.
 */
final class RenderMessages {
    private RenderMessages() {}

    // ---- progress --------------------------------------------------------------------------

    static String dryRunDone(ProviderId host) {
        return "dry run: the request is valid; nothing was sent to " + host.displayName();
    }

    static String uploading(int index, int count, long bytes) {
        return "uploading image " + (index + 1) + " of " + count + " (" + bytes + " bytes)";
    }

    static String submitting(ProviderId host) {
        return "submitting to " + host.displayName() + " (sent once, never repeated)";
    }

    static String submitted(String id) {
        return "submitted; prediction id " + id;
    }

    static String resuming(String id) {
        return id == null
                ? "resuming a render whose submit reply never arrived; asking the host instead of submitting again"
                : "resuming prediction " + id + " without submitting again";
    }

    static String collecting(ProviderId host, String id) {
        return "collecting prediction " + id + " from " + host.displayName() + " without submitting anything";
    }

    static String askingHistory(String why, ProviderId host) {
        return why + "; asking " + host.displayName() + "'s history for the job instead of submitting again";
    }

    static String foundInHistory(ProviderId host, String id) {
        return "found the job in " + host.displayName() + "'s history: " + id;
    }

    static String knownToThisEngine(String id) {
        return "this submit's reply already reached this engine: prediction " + id;
    }

    static String waitingForOtherSubmits(int rivals) {
        return rivals + " other submit" + (rivals == 1 ? "" : "s") + " of this engine to the same account still"
                + " await" + (rivals == 1 ? "s" : "") + " a reply; asking again once they have it";
    }

    static String checkpointWithIdNotSaved(String id, Throwable cause) {
        return "the checkpoint with prediction id " + id + " could not be saved ("
                + cause.getClass().getSimpleName() + "); a restart now could not resume this render";
    }

    static String jobIs(String id, String hostStatus) {
        return "prediction " + id + " is " + hostStatus;
    }

    static String downloading(URI url) {
        return "downloading the clip from " + Origin.of(url);
    }

    static String verifying(long bytes) {
        return "verifying " + bytes + " bytes";
    }

    static String done(Path output, Mp4Info info) {
        return "done: " + output.getFileName() + " (" + info.width() + "x" + info.height() + ", "
                + String.format(Locale.ROOT, "%.2f", info.durationSeconds()) + " s)";
    }

    // ---- refusals before any call ------------------------------------------------------------

    static InvalidRequestException otherHost(RenderCheckpoint from, URI engineBase) {
        return new InvalidRequestException(List.of(new Violation(
                "checkpoint.baseUrl",
                Origin.describe(from.baseUrl()),
                "the engine's API base URL for " + from.provider().id() + ", " + Origin.describe(engineBase),
                "the job was submitted to another host address")));
    }

    static AuthenticationException keyRequired(String what) {
        return new AuthenticationException(
                "An API key is required to " + what + "; configure it and try again (nothing was submitted).");
    }

    static InvalidRequestException noPredictionId(RenderCheckpoint from) {
        return new InvalidRequestException(List.of(new Violation(
                "checkpoint.predictionId",
                null,
                "a checkpoint that holds the host's prediction id",
                "the submit reply never arrived, so the job is not known yet; resume the render to look it up"
                        + " (request digest " + from.requestDigest() + ")")));
    }

    static StorageException checkpointNotSaved(Throwable cause) {
        return new StorageException(
                "The checkpoint could not be saved before submitting ("
                        + cause.getClass().getSimpleName()
                        + "); nothing was submitted. Fix the storage and render again.",
                cause);
    }

    // ---- a lost submit reply ---------------------------------------------------------------

    static SubmissionUncertainException cannotLookUp(
            RenderCheckpoint at, String why, UnaryOperator<String> redact, Throwable lost) {
        String host = at.provider().displayName();
        return new SubmissionUncertainException(
                "The render may or may not have been submitted: " + redact.apply(why) + ", and " + host
                        + " offers no way to look the job up. It may exist and be billed. Check the " + host
                        + " dashboard for a job submitted at " + at.submittedAt() + " before rendering again (request"
                        + " digest " + at.requestDigest() + "); this engine never submits twice by itself.",
                at.requestDigest(),
                at.submittedAt(),
                lost);
    }

    static SubmissionUncertainException historyUnreadable(
            RenderCheckpoint at, String why, UnaryOperator<String> redact, Throwable cause) {
        String host = at.provider().displayName();
        return new SubmissionUncertainException(
                "The submit reply was lost (" + redact.apply(why) + ") and " + host + "'s history could not be read ("
                        + redact.apply(cause.getMessage()) + "). The job may exist and be billed: check the " + host
                        + " dashboard for a job submitted at " + at.submittedAt() + " (request digest "
                        + at.requestDigest() + ") before rendering again, or resume later.",
                at.requestDigest(),
                at.submittedAt(),
                cause);
    }

    static SubmissionUncertainException notInHistory(
            RenderCheckpoint at, String why, UnaryOperator<String> redact, Throwable lost) {
        String host = at.provider().displayName();
        return new SubmissionUncertainException(
                "The submit reply was lost (" + redact.apply(why) + ") and " + host + "'s history shows no job for"
                        + " this request, so the submit most likely never arrived. Render again if you want the clip"
                        + " (request digest " + at.requestDigest() + ", submit attempted at " + at.submittedAt()
                        + ").",
                at.requestDigest(),
                at.submittedAt(),
                lost,
                true);
    }

    static SubmissionUncertainException severalInHistory(RenderCheckpoint at, List<String> ids, Throwable lost) {
        String host = at.provider().displayName();
        return new SubmissionUncertainException(
                "The submit reply was lost and " + host + "'s history shows several jobs that could be this"
                        + " request's: " + String.join(", ", ids) + ". Pick the right one on the " + host
                        + " dashboard (request digest " + at.requestDigest() + ", submit attempted at "
                        + at.submittedAt() + ") and collect it by its id; nothing more was submitted.",
                at.requestDigest(),
                at.submittedAt(),
                lost);
    }

    static SubmissionUncertainException otherSubmitsUnresolved(RenderCheckpoint at, int rivals, Throwable lost) {
        String host = at.provider().displayName();
        return new SubmissionUncertainException(
                "The submit reply was lost, and " + rivals + " other submit" + (rivals == 1 ? "" : "s")
                        + " of this engine to the same " + host + " account, sent around the same time, still"
                        + " had no reply, so the jobs in " + host + "'s history cannot be told apart. Check the "
                        + host + " dashboard for a job submitted at " + at.submittedAt() + " (request digest "
                        + at.requestDigest() + ") and collect it by its id, or resume the render later; nothing"
                        + " more was submitted.",
                at.requestDigest(),
                at.submittedAt(),
                lost);
    }

    static SubmissionUncertainException mayBeAnothers(RenderCheckpoint at, String id, int rivals, Throwable lost) {
        String host = at.provider().displayName();
        return new SubmissionUncertainException(
                "The submit reply was lost and " + host + "'s history shows one job that could be this request's, "
                        + id + ", but " + rivals + " other render" + (rivals == 1 ? "" : "s") + " of this engine"
                        + " also lost " + (rivals == 1 ? "its" : "their") + " submit reply around the same time, so it"
                        + " may be another's. Check the " + host + " dashboard (request digest "
                        + at.requestDigest() + ", submit attempted at " + at.submittedAt() + ") and collect the"
                        + " right job by its id; nothing more was submitted.",
                at.requestDigest(),
                at.submittedAt(),
                lost);
    }

    // ---- a checkpoint older than its host remembers ------------------------------------------

    /**
     * The job of {@code at} was submitted {@code age} ago, longer than its host remembers jobs
     * ({@code lifetime}): it can be neither asked about nor collected, and is never submitted again.
     */
    static RenderException expired(RenderCheckpoint at, Duration age, Duration lifetime) {
        String host = at.provider().displayName();
        String keeps = host + " forgets a job and its clip " + lifetime.toHours() + " hours after the submit";
        if (at.predictionId() == null) {
            return new SubmissionUncertainException(
                    "This render's submit reply was lost " + JobAge.describe(age) + " ago (at " + at.submittedAt()
                            + "), and " + keeps + ", so the job can no longer be looked up. It may exist and have"
                            + " been billed: check the " + host + " console for a job submitted then before"
                            + " rendering again (request digest " + at.requestDigest() + "); this engine never"
                            + " submits twice by itself.",
                    at.requestDigest(),
                    at.submittedAt(),
                    null);
        }
        return new JobFailedException(
                "This checkpoint is " + JobAge.describe(age) + " old: prediction " + at.predictionId()
                        + " was submitted at " + at.submittedAt() + ", and " + keeps + ", so it can no longer be"
                        + " asked about or downloaded and the render is not resumed. Check the " + host
                        + " console, and render again if you still want the clip (this engine never submits"
                        + " again by itself).",
                at.predictionId(),
                null,
                "expired");
    }

    // ---- what the host says about the job ----------------------------------------------------

    static ProtocolException noOutputUrl(ProviderId host, String id) {
        return new ProtocolException(host.displayName() + " reports prediction " + id + " as completed but gives no"
                + " output URL. Resume later, or fetch the clip from the dashboard.");
    }

    static ProtocolException unknownStatus(ProviderId host, String id, String hostStatus) {
        return new ProtocolException(host.displayName() + " keeps reporting prediction " + id + " with the status '"
                + hostStatus + "', which this version does not understand. The job may still finish: resume later"
                + " from the checkpoint, or check the dashboard.");
    }

    /** The job ended without a clip; {@code error} is the host's text, already redacted, or null. */
    static JobFailedException jobFailed(ProviderId provider, String id, Prediction p, String error) {
        String host = provider.displayName();
        String said = error == null ? "" : ": " + error;
        String message;
        if (p.moderated()) {
            message = host + " refused prediction " + id + " by moderation (error code " + p.errorCode() + said
                    + "). Change the prompt or the images; resubmitting the same request will be refused again.";
        } else if (p.status() == PredictionStatus.TIMED_OUT) {
            message = host + " reports that prediction " + id + " timed out on its side" + said
                    + ". Render again later, perhaps shorter or at 720p.";
        } else if (p.status() == PredictionStatus.CANCELLED) {
            message = host + " reports that prediction " + id + " was cancelled or deleted (" + p.hostStatus() + said
                    + "). Render again if you still want the clip.";
        } else {
            message = host + " reports that prediction " + id + " failed"
                    + (said.isEmpty() ? " without a reason" : said)
                    + (p.errorCode() == null ? "" : " (error code " + p.errorCode() + ")")
                    + ". Check the prompt and the images, then render again.";
        }
        return new JobFailedException(message, id, error, p.errorCode(), p.moderated());
    }

    static String clipUrlAdvice(ProviderId host) {
        return "Download the clip from the " + host.displayName() + " dashboard, or resume the render later from"
                + " its checkpoint (resuming never submits again).";
    }

    // ---- the clip's file ---------------------------------------------------------------------

    static StorageException cannotWriteNextTo(Path output, IOException failure) {
        return new StorageException(
                "Cannot write next to the output " + output + " (" + failure.getMessage() + "). Check the directory"
                        + " and its permissions, then resume the render.",
                failure);
    }

    static StorageException cannotMove(Path output, IOException failure) {
        return new StorageException(
                "The verified clip could not be moved to " + output + " (" + failure.getMessage() + "). Check the"
                        + " path, then resume the render.",
                failure);
    }

    // ---- how a render ends early -------------------------------------------------------------

    /**
     * The cancellation, saying whether a job may still run and be billed, and what to do.
     *
     * @param hostCan what the host can do about a job, e.g. {@code cannot cancel a job}
     */
    static RenderCancelledException cancelled(RenderCheckpoint at, String hostCan) {
        return new RenderCancelledException(
                "The render was cancelled" + cancelNote(at, hostCan) + ". " + afterCancel(at));
    }

    /** The event announcing a cancellation. */
    static String cancelledEvent(RenderCheckpoint at, String hostCan) {
        return "cancelled" + cancelNote(at, hostCan);
    }

    private static String cancelNote(RenderCheckpoint at, String hostCan) {
        if (at != null && at.predictionId() != null) {
            return "; prediction " + at.predictionId() + " was already submitted, and "
                    + at.provider().displayName() + " " + hostCan + ", so it may still run and be billed";
        }
        if (at != null) {
            return "; the submit may already have reached the host, which " + hostCan;
        }
        return "; nothing was submitted";
    }

    private static String afterCancel(RenderCheckpoint at) {
        if (at != null && at.predictionId() != null) {
            return "Resume the render from its checkpoint to collect the clip without paying again.";
        }
        if (at != null) {
            return "Resume the render from its checkpoint to find the job without submitting again, or check the"
                    + " host's dashboard before rendering again.";
        }
        return "Render again when you want the clip.";
    }

    static DeadlineExceededException noSlotInTime(Duration wait, ProviderId host) {
        return new DeadlineExceededException("The render waited " + wait.toSeconds() + " s for a slot at "
                + host.displayName() + " (the account's limit of renders at once was reached) and gave up."
                + " Nothing was submitted and nothing was charged.");
    }

    static DeadlineExceededException deadline(Duration deadline, String phase, RenderCheckpoint at) {
        String tail;
        if (at == null) {
            tail = " Nothing was submitted.";
        } else if (at.predictionId() == null) {
            tail = " The submit may have reached the host.";
        } else {
            tail = " Prediction " + at.predictionId() + " may still finish on "
                    + at.provider().displayName() + ": resume from the checkpoint to collect it without paying again.";
        }
        return new DeadlineExceededException("The render did not finish within its deadline of " + deadline.toSeconds()
                + " s (it was " + phase + ")." + tail);
    }

    /** {@code error} as a {@link RenderException}: itself when it is one, else a sentence about it. */
    static RenderException asRenderException(Throwable error, UnaryOperator<String> redact) {
        if (error instanceof RenderException re) {
            return re;
        }
        if (error instanceof UncheckedIOException || error instanceof IOException) {
            return new StorageException(
                    "A file could not be read or written (" + error.getMessage() + "). Check the paths and"
                            + " permissions, then render (or resume) again.",
                    error);
        }
        return new RenderException(
                "The render stopped on an unexpected error (" + error.getClass().getSimpleName() + ": "
                        + redact.apply(error.getMessage()) + ").",
                error);
    }
}
