package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.error.StorageException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.http.DownloadResult;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.Origin;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.media.Mp4Info;
import io.jenkins.plugins.happyhorse.client.media.OutputVerifier;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.provider.SubmittedInput;
import io.jenkins.plugins.happyhorse.client.request.ParsedClip;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One render's state machine. Each step starts an asynchronous operation and returns; its
 * callback starts the next step (on a scheduler thread when the step touches files). Waiting is a
 * scheduled task, never a thread. The first outcome (done, failed, cancelled or past the
 * deadline) claims the render: from then on no further step runs. The pending poll, deadline and
 * exchange are then aborted and the temporary file removed, and only after that is the result
 * future completed, so whoever it wakes finds nothing left behind.
 */
final class RenderRun implements RenderHandle {
    private static final int UNKNOWN_STATUS_TOLERANCE = 3;

    private final RenderEngine engine;
    private final RenderOptions options;
    private final EngineScheduler scheduler;
    private final CompletableFuture<RenderResult> result = new CompletableFuture<>();
    private final Instant queuedAt;
    /** Set by the first outcome; it alone goes on to clean up and complete {@link #result}. */
    private final AtomicBoolean over = new AtomicBoolean();
    /** Makes creating the temporary file and removing it at the end exclude each other. */
    private final Object tempFileLock = new Object();

    private volatile RenderPhase phase = RenderPhase.VALIDATING;
    private volatile RenderCheckpoint checkpoint;
    private volatile HostSession session;
    private volatile Cancellable deadlineTask;
    private volatile Cancellable pollTask;
    private volatile Path tempFile;
    private volatile String predictionId;

    private Provider provider;
    private ClipSpec spec;
    private String model;
    private Resolution resolution;
    private AspectRatio aspectRatio;
    private int durationSeconds;
    private Long seed;
    private BigDecimal cost;
    private String requestDigest;
    private Instant submittedAt;
    /** When the host is known to have had the job: the submit reply's arrival (or the submit, on resume). */
    private Instant acceptedAt;

    private Instant deadlineAt;
    private Duration expected;
    private PredictionStatus lastStatus;
    private int unknownStreak;

    RenderRun(RenderEngine engine, RenderOptions options) {
        this.engine = engine;
        this.options = options;
        this.scheduler = engine.scheduler();
        this.queuedAt = scheduler.now();
        // Only for a caller completing or cancelling the future itself; the engine's own
        // outcomes clean up before they complete it.
        result.whenComplete((r, error) -> {
            if (over.compareAndSet(false, true)) {
                cleanUp(error == null ? null : asRenderException(HostSession.unwrap(error)));
            }
        });
    }

    // ---- entry points ------------------------------------------------------------------------

    void start(RenderRequest draft) {
        armDeadline();
        next(() -> {
            phase = RenderPhase.VALIDATING;
            ParsedClip parsed = draft.parse();
            if (!parsed.isValid()) {
                List<Violation> violations = new ArrayList<>(parsed.violations());
                // Where the clip goes is checked now too: found out after the download, it would be paid for.
                violations.addAll(OutputPathCheck.check(options.output()));
                fail(new InvalidRequestException(violations));
                return;
            }
            validate(parsed.orElseThrow());
        });
    }

    void render(ClipSpec clip) {
        armDeadline();
        next(() -> validate(clip));
    }

    void resume(RenderCheckpoint from) {
        armDeadline();
        next(() -> {
            phase = RenderPhase.WAITING;
            provider = engine.provider(from.provider());
            if (!sameBase(from.baseUrl(), provider.baseUrl())) {
                fail(new InvalidRequestException(List.of(new Violation(
                        "checkpoint.baseUrl",
                        Origin.describe(from.baseUrl()),
                        "the engine's API base URL for " + from.provider().id() + ", "
                                + Origin.describe(provider.baseUrl()),
                        "the job was submitted to another host address"))));
                return;
            }
            if (options.apiKey() == null) {
                fail(new AuthenticationException("An API key is required to resume a render; configure it and"
                        + " resume again (nothing was submitted)."));
                return;
            }
            List<Violation> outputProblems = OutputPathCheck.check(options.output());
            if (!outputProblems.isEmpty()) {
                fail(new InvalidRequestException(outputProblems));
                return;
            }
            checkpoint = from;
            model = from.model();
            resolution = from.resolution();
            aspectRatio = from.aspectRatio();
            durationSeconds = from.durationSeconds();
            seed = from.seed();
            cost = from.estimatedCost();
            requestDigest = from.requestDigest();
            submittedAt = from.submittedAt();
            predictionId = from.predictionId();
            acceptedAt = submittedAt;
            openSession();
            if (predictionId == null) {
                emit("resuming a render whose submit reply never arrived; asking the host instead of submitting"
                        + " again");
                resolveLostSubmit(null);
            } else {
                emit("resuming prediction " + predictionId + " without submitting again");
                startWaiting();
            }
        });
    }

    // ---- steps -------------------------------------------------------------------------------

    private void validate(ClipSpec clip) {
        phase = RenderPhase.VALIDATING;
        // Where the clip goes is checked now too: found out after the download, it would be paid for.
        List<Violation> violations = OutputPathCheck.check(options.output());
        if (!violations.isEmpty()) {
            fail(new InvalidRequestException(violations));
            return;
        }
        spec = clip;
        provider = engine.provider(spec.provider());
        model = spec.model();
        resolution = spec.resolution();
        aspectRatio = spec.aspectRatio();
        durationSeconds = spec.durationSeconds();
        seed = spec.seedOrNull();

        phase = RenderPhase.ESTIMATING;
        CostEstimate estimate = engine.priceList().estimate(provider.id(), resolution, durationSeconds);
        cost = estimate.usd();
        emit("estimated cost " + estimate);
        if (options.maxCost() != null && estimate.usd().compareTo(options.maxCost()) > 0) {
            fail(new CostLimitExceededException(estimate.usd(), options.maxCost(), estimate.formula()));
            return;
        }
        if (options.dryRun()) {
            if (!claim()) {
                return;
            }
            phase = RenderPhase.DONE;
            emit("dry run: the request is valid; nothing was sent to "
                    + provider.id().displayName());
            Instant now = scheduler.now();
            succeed(new RenderResult(
                    null,
                    provider.id(),
                    null,
                    seed,
                    cost,
                    durationSeconds,
                    resolution,
                    aspectRatio,
                    null,
                    0,
                    0,
                    0,
                    Duration.ZERO,
                    new RenderResult.Timings(queuedAt, null, now, Duration.between(queuedAt, now)),
                    true));
            return;
        }
        requestDigest = spec.digest();
        openSession();
        uploadNext(spec.images(), 0, new ArrayList<>());
    }

    private void uploadNext(List<ImageSource> images, int index, List<URI> urls) {
        if (index == images.size()) {
            submit(urls);
            return;
        }
        ImageSource source = images.get(index);
        if (source instanceof ImageSource.RemoteImage remote) {
            urls.add(remote.uri());
            uploadNext(images, index + 1, urls);
            return;
        }
        phase = RenderPhase.UPLOADING;
        ImageSource.LocalImage image = (ImageSource.LocalImage) source;
        emit("uploading image " + (index + 1) + " of " + images.size() + " ("
                + image.facts().bytes() + " bytes)");
        provider.upload(session, image).whenComplete((url, error) -> {
            if (error != null) {
                fail(error);
                return;
            }
            urls.add(url);
            next(() -> uploadNext(images, index + 1, urls));
        });
    }

    private void submit(List<URI> imageUrls) {
        phase = RenderPhase.SUBMITTING;
        SubmittedInput input = SubmittedInput.of(spec, imageUrls);
        submittedAt = scheduler.now();
        checkpoint = new RenderCheckpoint(
                provider.id(),
                provider.baseUrl(),
                model,
                requestDigest,
                input.digest(),
                null,
                submittedAt,
                resolution,
                aspectRatio,
                durationSeconds,
                seed,
                cost);
        saveCheckpoint(checkpoint).whenComplete((saved, error) -> {
            if (error != null) {
                Throwable cause = HostSession.unwrap(error);
                fail(new StorageException(
                        "The checkpoint could not be saved before submitting ("
                                + cause.getClass().getSimpleName()
                                + "); nothing was submitted. Fix the storage and render again.",
                        cause));
            } else {
                next(() -> send(input));
            }
        });
    }

    private void send(SubmittedInput input) {
        // The spec is no longer needed; a waiting render keeps only what the checkpoint holds.
        spec = null;
        emit("submitting to " + provider.id().displayName() + " (sent once, never repeated)");
        provider.submit(session, model, input).whenComplete((id, error) -> {
            Throwable cause = HostSession.unwrap(error);
            if (cause instanceof SubmitReplyLostException lost) {
                next(() -> resolveLostSubmit(lost));
            } else if (cause != null) {
                fail(cause);
            } else {
                next(() -> adopt(id));
            }
        });
    }

    /** The store's stage, or a failed one when the store throws instead of failing its stage. */
    private CompletionStage<Void> saveCheckpoint(RenderCheckpoint toSave) {
        try {
            CompletionStage<Void> stage = options.checkpointStore().save(toSave);
            return stage == null ? CompletableFuture.completedFuture(null) : stage;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void resolveLostSubmit(SubmitReplyLostException lost) {
        phase = RenderPhase.SUBMITTING;
        String host = provider.id().displayName();
        String why = lost == null ? "the submit reply was never recorded" : lost.getMessage();
        if (!provider.canFindSubmissions() || checkpoint.inputDigest() == null) {
            fail(new SubmissionUncertainException(
                    "The render may or may not have been submitted: " + session.redact(why) + ", and " + host
                            + " offers no way to look the job up. It may exist and be billed. Check the " + host
                            + " dashboard for a job submitted at " + submittedAt + " before rendering again (request"
                            + " digest " + requestDigest + "); this engine never submits twice by itself.",
                    requestDigest,
                    submittedAt,
                    lost));
            return;
        }
        emit(why + "; asking " + host + "'s history for the job instead of submitting again");
        provider.findSubmission(session, model, checkpoint.inputDigest(), submittedAt)
                .whenComplete((ids, error) -> next(() -> {
                    if (error != null) {
                        Throwable cause = HostSession.unwrap(error);
                        fail(new SubmissionUncertainException(
                                "The submit reply was lost (" + session.redact(why) + ") and " + host
                                        + "'s history could not be read (" + session.redact(cause.getMessage())
                                        + "). The job may exist and be billed: check the " + host + " dashboard for a"
                                        + " job submitted at " + submittedAt + " (request digest " + requestDigest
                                        + ") before rendering again, or resume later.",
                                requestDigest,
                                submittedAt,
                                cause));
                    } else if (ids.size() == 1) {
                        emit("found the job in " + host + "'s history: " + ids.get(0));
                        adopt(ids.get(0));
                    } else if (ids.isEmpty()) {
                        fail(new SubmissionUncertainException(
                                "The submit reply was lost (" + session.redact(why) + ") and " + host + "'s history"
                                        + " shows no job for this request, so the submit most likely never arrived."
                                        + " Render again if you want the clip (request digest " + requestDigest
                                        + ", submit attempted at " + submittedAt + ").",
                                requestDigest,
                                submittedAt,
                                lost));
                    } else {
                        fail(new SubmissionUncertainException(
                                "The submit reply was lost and " + host + "'s history shows several jobs for this"
                                        + " request: " + String.join(", ", ids) + ". Pick the right one on the " + host
                                        + " dashboard (request digest " + requestDigest + "); nothing more was"
                                        + " submitted.",
                                requestDigest,
                                submittedAt,
                                lost));
                    }
                }));
    }

    private void adopt(String id) {
        predictionId = id;
        acceptedAt = scheduler.now();
        checkpoint = checkpoint.withPredictionId(id);
        saveCheckpoint(checkpoint).whenComplete((saved, error) -> {
            if (error != null) {
                // The job exists; abandoning it would waste it. Say so and keep going.
                emit("the checkpoint with prediction id " + id + " could not be saved ("
                        + HostSession.unwrap(error).getClass().getSimpleName()
                        + "); a restart now could not resume this render");
            }
        });
        emit("submitted; prediction id " + id);
        startWaiting();
    }

    private void startWaiting() {
        phase = RenderPhase.WAITING;
        expected = engine.pollingPolicy().expectedProcessing(resolution, durationSeconds);
        scheduleNextPoll();
    }

    private void scheduleNextPoll() {
        if (isOver()) {
            return;
        }
        Duration elapsed = Duration.between(submittedAt, scheduler.now());
        Duration delay = engine.pollingPolicy().nextDelay(expected, elapsed);
        pollTask = scheduler.schedule(() -> guarded(this::poll), delay);
        if (isOver()) {
            pollTask.cancel();
        }
    }

    private void poll() {
        provider.poll(session, predictionId, acceptedAt).whenComplete((prediction, error) -> {
            if (error != null) {
                fail(error);
                return;
            }
            guarded(() -> onPrediction(prediction));
        });
    }

    private void onPrediction(Prediction p) {
        switch (p.status()) {
            case SUCCEEDED -> {
                if (p.outputs().isEmpty()) {
                    fail(new ProtocolException(provider.id().displayName() + " reports prediction " + predictionId
                            + " as completed but gives no output URL. Resume later, or fetch the clip from the"
                            + " dashboard."));
                    return;
                }
                URI url = p.outputs().get(0);
                next(() -> download(url));
            }
            case FAILED, CANCELLED, TIMED_OUT -> fail(jobFailed(p));
            case UNKNOWN -> {
                if (++unknownStreak >= UNKNOWN_STATUS_TOLERANCE) {
                    fail(new ProtocolException(provider.id().displayName() + " keeps reporting prediction "
                            + predictionId + " with the status '" + session.redact(String.valueOf(p.hostStatus()))
                            + "', which this version does not understand. The job may still finish: resume later from"
                            + " the checkpoint, or check the dashboard."));
                    return;
                }
                scheduleNextPoll();
            }
            default -> {
                unknownStreak = 0;
                if (p.status() != lastStatus) {
                    lastStatus = p.status();
                    emit("prediction " + predictionId + " is " + p.hostStatus());
                }
                scheduleNextPoll();
            }
        }
    }

    private JobFailedException jobFailed(Prediction p) {
        String host = provider.id().displayName();
        String error = p.error() == null ? null : session.redact(p.error());
        String said = error == null ? "" : ": " + error;
        String message;
        if ("1039".equals(p.errorCode())) {
            message = host + " refused prediction " + predictionId + " by moderation (error code 1039" + said
                    + "). Change the prompt or the images; resubmitting the same request will be refused again.";
        } else if (p.status() == PredictionStatus.TIMED_OUT) {
            message = host + " reports that prediction " + predictionId + " timed out on its side" + said
                    + ". Render again later, perhaps shorter or at 720p.";
        } else if (p.status() == PredictionStatus.CANCELLED) {
            message = host + " reports that prediction " + predictionId + " was cancelled or deleted (" + p.hostStatus()
                    + said + "). Render again if you still want the clip.";
        } else {
            message = host + " reports that prediction " + predictionId + " failed"
                    + (said.isEmpty() ? " without a reason" : said)
                    + (p.errorCode() == null ? "" : " (error code " + p.errorCode() + ")")
                    + ". Check the prompt and the images, then render again.";
        }
        return new JobFailedException(message, predictionId, error, p.errorCode());
    }

    private void download(URI url) {
        phase = RenderPhase.DOWNLOADING;
        // The host's URL is checked before anything uses it (a URL without a host has no origin).
        boolean loopback = Origin.isLoopbackHttp(url);
        HostSession.requireMediaUrl(
                url,
                loopback,
                "the clip's output URL",
                "Download the clip from the " + provider.id().displayName() + " dashboard, or resume the render"
                        + " later from its checkpoint (resuming never submits again).");
        Path output = options.output().toAbsolutePath();
        Path temp = null;
        IOException failure = null;
        synchronized (tempFileLock) {
            // Under the lock, so the clean-up at the end either sees this file or stops it being made.
            if (isOver()) {
                return;
            }
            try {
                temp = createTempFileNextTo(output);
                tempFile = temp;
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            fail(new StorageException(
                    "Cannot write next to the output " + output + " (" + failure.getMessage() + "). Check"
                            + " the directory and its permissions, then resume the render.",
                    failure));
            return;
        }
        emit("downloading the clip from " + Origin.of(url));
        session.download(url, temp, options.maxDownloadBytes()).whenComplete((downloaded, error) -> {
            if (error != null) {
                fail(error);
                return;
            }
            next(() -> verifyAndMove(downloaded, url, output));
        });
    }

    /**
     * Temporary files are created owner-only; the clip is an ordinary output that a web server, an
     * archiver or a colleague reads, so it gets an ordinary file's permissions before it appears.
     */
    private static void publishable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }

    /** A hidden {@code .NAME.*.part} file next to {@code output}, its folder created when needed. */
    private static Path createTempFileNextTo(Path output) throws IOException {
        Path dir = output.getParent();
        if (dir == null) {
            throw new IOException("the output path has no directory");
        }
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + output.getFileName() + ".", ".part");
    }

    private void verifyAndMove(DownloadResult downloaded, URI url, Path output) {
        phase = RenderPhase.VERIFYING;
        Path temp = tempFile;
        emit("verifying " + downloaded.bytes() + " bytes");
        Mp4Info info = new OutputVerifier(options.verificationPolicy())
                .verify(temp, downloaded.contentLength(), durationSeconds, resolution, aspectRatio);
        RenderException moveFailure = null;
        synchronized (tempFileLock) {
            // Claimed before the move: a deadline or a cancel from now on finds the render over,
            // so the clip at the output and the outcome reported always agree.
            if (!claim()) {
                return;
            }
            try {
                publishable(temp);
                try {
                    Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
                }
                tempFile = null;
            } catch (IOException e) {
                moveFailure = new StorageException(
                        "The verified clip could not be moved to " + output + " (" + e.getMessage()
                                + "). Check the path, then resume the render.",
                        e);
            }
        }
        if (moveFailure != null) {
            end(moveFailure);
            return;
        }
        phase = RenderPhase.DONE;
        Instant now = scheduler.now();
        emit("done: " + output.getFileName() + " (" + info.width() + "x" + info.height() + ", "
                + String.format(java.util.Locale.ROOT, "%.2f", info.durationSeconds()) + " s)");
        succeed(new RenderResult(
                output,
                provider.id(),
                predictionId,
                seed,
                cost,
                durationSeconds,
                resolution,
                aspectRatio,
                url,
                info.size(),
                info.width(),
                info.height(),
                Duration.ofMillis(Math.round(info.durationSeconds() * 1000)),
                new RenderResult.Timings(queuedAt, submittedAt, now, Duration.between(queuedAt, now)),
                false));
    }

    // ---- handle ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<RenderResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        if (isOver()) {
            return;
        }
        String note;
        String nextStep;
        if (predictionId != null) {
            note = "; prediction " + predictionId + " was already submitted, and "
                    + provider.id().displayName() + " cannot cancel a job, so it may still run and be billed";
            nextStep = "Resume the render from its checkpoint to collect the clip without paying again.";
        } else if (checkpoint != null) {
            note = "; the submit may already have reached the host, which cannot cancel a job";
            nextStep = "Resume the render from its checkpoint to find the job without submitting again, or check"
                    + " the host's dashboard before rendering again.";
        } else {
            note = "; nothing was submitted";
            nextStep = "Render again when you want the clip.";
        }
        emit("cancelled" + note);
        fail(new RenderCancelledException("The render was cancelled" + note + ". " + nextStep));
    }

    @Override
    public Optional<RenderCheckpoint> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    @Override
    public RenderPhase phase() {
        return phase;
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private void openSession() {
        session = new HostSession(
                engine.transport(),
                provider.id().displayName(),
                provider.baseUrl(),
                options.apiKey(),
                engine.retryPolicy(),
                scheduler,
                deadlineAt);
    }

    private void armDeadline() {
        deadlineAt = queuedAt.plus(options.deadline());
        deadlineTask = scheduler.schedule(this::onDeadline, options.deadline());
        if (isOver()) {
            deadlineTask.cancel();
        }
    }

    private void onDeadline() {
        if (isOver()) {
            return;
        }
        String tail = predictionId == null
                ? (checkpoint == null ? " Nothing was submitted." : " The submit may have reached the host.")
                : " Prediction " + predictionId + " may still finish on "
                        + provider.id().displayName()
                        + ": resume from the checkpoint to collect it without paying again.";
        fail(new DeadlineExceededException("The render did not finish within its deadline of "
                + options.deadline().toSeconds() + " s (it was " + phase.name().toLowerCase(java.util.Locale.ROOT)
                + ")." + tail));
    }

    /** Runs the next step on a scheduler thread, off the HTTP I/O threads. */
    private void next(Runnable step) {
        if (isOver()) {
            return;
        }
        scheduler.execute(() -> guarded(step));
    }

    private void guarded(Runnable step) {
        if (isOver()) {
            return;
        }
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    /** Whether an outcome has claimed the render; no step may start once it has. */
    private boolean isOver() {
        return over.get();
    }

    /** Claims the render for the caller's outcome; false when another outcome came first. */
    private boolean claim() {
        return over.compareAndSet(false, true);
    }

    /** Ends the render with {@code error}, unless another outcome came first. */
    private void fail(Throwable error) {
        if (claim()) {
            end(asRenderException(HostSession.unwrap(error)));
        }
    }

    /** After {@link #claim()}: cleans up, then fails the result. */
    private void end(RenderException error) {
        cleanUp(error);
        result.completeExceptionally(error);
    }

    /** After {@link #claim()}: cleans up, then completes the result. */
    private void succeed(RenderResult value) {
        cleanUp(null);
        result.complete(value);
    }

    private RenderException asRenderException(Throwable error) {
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
                        + (session == null ? error.getMessage() : session.redact(error.getMessage())) + ").",
                error);
    }

    /**
     * Stops whatever is pending (deadline, next poll, the exchange in flight) and removes the
     * temporary file. Runs once, after the render was claimed and before the result completes.
     *
     * @param error the outcome, or null for success
     */
    private void cleanUp(RenderException error) {
        Cancellable deadline = deadlineTask;
        if (deadline != null) {
            deadline.cancel();
        }
        Cancellable poll = pollTask;
        if (poll != null) {
            poll.cancel();
        }
        HostSession s = session;
        if (s != null) {
            s.cancel(error);
        }
        Path temp;
        synchronized (tempFileLock) {
            temp = tempFile;
            tempFile = null;
        }
        if (temp != null) {
            deleteQuietly(temp);
        }
    }

    private void emit(String message) {
        try {
            options.listener().onEvent(new RenderEvent(phase, Duration.between(queuedAt, scheduler.now()), message));
        } catch (RuntimeException e) {
            // A listener's failure must not break the render.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Best effort; the name starts with a dot and ends with .part.
        }
    }

    private static boolean sameBase(URI a, URI b) {
        return stripSlash(a.toString()).equals(stripSlash(b.toString()));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
