package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.http.DownloadMeter;
import io.jenkins.plugins.happyhorse.client.http.DownloadResult;
import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.MediaDownload;
import io.jenkins.plugins.happyhorse.client.http.Origin;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.media.Mp4Info;
import io.jenkins.plugins.happyhorse.client.media.OutputVerifier;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.provider.SubmittedInput;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ImageSource;
import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One render's state machine: check and estimate, upload, submit once, wait, download, verify,
 * deliver. Each step starts an asynchronous operation and returns; its callback starts the next.
 * Waiting is {@link JobWatch}'s scheduled task, never a thread. What is known about the job lives in one immutable
 * {@link RenderCheckpoint}, replaced as the run learns more; the sentences it says come from
 * {@link RenderMessages}, the clip's file is {@link ClipDelivery}'s, and the claiming of the
 * outcome is {@link RunControl}'s.
 */
final class RenderRun implements RenderHandle {
    private final RenderEngine engine;
    private final RenderOptions options;
    private final RunControl control;
    private final ClipDelivery delivery;
    private final RunBooks books;

    private volatile RenderPhase phase = RenderPhase.VALIDATING;
    /** The job's facts, from just before the submit on (or from the start of a resume). */
    private volatile RenderCheckpoint checkpoint;

    private volatile HostSession session;
    private volatile Cancellable deadlineTask;
    private volatile JobWatch watch;
    private final CallbackListening callback;
    private final DownloadMeter meter = new DownloadMeter();

    private Provider provider;
    /** What is being rendered, until the submit; a waiting run keeps only the checkpoint. */
    private Preflight preflight;
    /** When the host is known to have had the job: the submit reply's arrival, or the submit on resume. */
    private Instant acceptedAt;

    RenderRun(RenderEngine engine, RenderOptions options) {
        this.engine = engine;
        this.options = options;
        this.callback = new CallbackListening(engine, options);
        this.delivery = new ClipDelivery(options.output(), new OutputVerifier(options.verificationPolicy()));
        this.control =
                new RunControl(engine.scheduler(), options.listener(), () -> phase, this::explain, this::cleanUp);
        this.books = new RunBooks(engine, options, control, delivery, p -> phase = p, new SlotWaitBound());
    }

    // ---- entry points ------------------------------------------------------------------------

    /**
     * Renders what {@code check} finds, worked out on an engine thread; it throws a {@link
     * RenderException} to refuse the render before any call.
     */
    void render(Supplier<Preflight> check) {
        armDeadline();
        control.next(() -> go(check.get()));
    }

    /** Picks up a job from its checkpoint: never submits again. */
    void resume(RenderCheckpoint from) {
        armDeadline();
        control.next(() -> {
            phase = RenderPhase.WAITING;
            if (!takeOver(from, "resume a render")) {
                return;
            }
            control.emit(RenderMessages.resuming(from.predictionId()));
            if (from.predictionId() == null) {
                resolveLostSubmit(null, null);
            } else {
                // A callback may have come and gone while nobody listened: ask once now.
                startWaiting(callback.url(provider) != null);
            }
        });
    }

    /** Collects the clip of a job with a known id, waiting for it first if need be. */
    void download(RenderCheckpoint from) {
        armDeadline();
        control.next(() -> {
            phase = RenderPhase.WAITING;
            if (from.predictionId() == null) {
                control.fail(RenderMessages.noPredictionId(from));
                return;
            }
            if (!takeOver(from, "download a clip")) {
                return;
            }
            control.emit(RenderMessages.collecting(from.provider(), from.predictionId()));
            // A job adopted by its id alone is asked about at once: it may well be done; so is one
            // whose callback may have come and gone while nobody listened.
            startWaiting(from.adopted() || callback.url(provider) != null);
        });
    }

    // ---- steps -------------------------------------------------------------------------------

    private void go(Preflight checked) {
        phase = RenderPhase.VALIDATING;
        if (!checked.problems().isEmpty()) {
            control.fail(new InvalidRequestException(checked.problems()));
            return;
        }
        phase = RenderPhase.ESTIMATING;
        control.emit("estimated cost " + checked.estimate());
        if (checked.overCostLimit()) {
            control.fail(new CostLimitExceededException(
                    checked.estimate().usd(),
                    checked.options().maxCost(),
                    checked.estimate().formula()));
            return;
        }
        ClipSpec spec = checked.spec();
        if (options.dryRun()) {
            if (control.claim()) {
                phase = RenderPhase.DONE;
                control.emit(RenderMessages.dryRunDone(spec.provider()));
                control.succeed(RenderResults.dryRun(checked, control.queuedAt(), control.now()));
            }
            return;
        }
        preflight = checked;
        provider = engine.provider(spec.provider());
        // A reused clip ends the run here; a budget that would go over refuses it, before any call.
        books.beforeAnyCall(checked, () -> {
            openSession();
            uploadNext(spec.images(), 0, new ArrayList<>());
        });
    }

    private void uploadNext(List<ImageSource> images, int index, List<URI> urls) {
        if (index == images.size()) {
            submit(urls);
            return;
        }
        if (images.get(index) instanceof ImageSource.RemoteImage remote) {
            urls.add(remote.uri());
            uploadNext(images, index + 1, urls);
            return;
        }
        phase = RenderPhase.UPLOADING;
        ImageSource.LocalImage image = (ImageSource.LocalImage) images.get(index);
        control.emit(
                RenderMessages.uploading(index, images.size(), image.facts().bytes()));
        provider.upload(session, preflight.spec().model(), image).whenComplete((url, error) -> {
            if (error != null) {
                control.fail(error);
                return;
            }
            urls.add(url);
            control.next(() -> uploadNext(images, index + 1, urls));
        });
    }

    private void submit(List<URI> imageUrls) {
        phase = RenderPhase.SUBMITTING;
        ClipSpec spec = preflight.spec();
        SubmittedInput input = SubmittedInput.of(spec, imageUrls);
        BigDecimal cost = preflight.estimate().usd();
        // What is being rendered is no longer needed; a waiting render keeps only what the checkpoint holds.
        preflight = null;
        // Once the host has room (at once when not gated), and again after a 429: each attempt is sent at its own time.
        books.whenAdmitted(provider, () -> {
            RenderCheckpoint at =
                    RenderCheckpoint.beforeSubmit(spec, provider.baseUrl(), input.digest(), control.now(), cost);
            checkpoint = at;
            saveCheckpoint(at).whenComplete((saved, error) -> {
                if (error != null) {
                    control.fail(RenderMessages.checkpointNotSaved(Failures.unwrap(error)));
                } else {
                    control.next(() -> books.beforeSend(at, () -> send(spec.model(), input)));
                }
            });
        });
    }

    private void send(String model, SubmittedInput input) {
        control.emit(RenderMessages.submitting(provider.id()));
        callback.announce(provider, control);
        SubmitLedger submits = engine.submits();
        SubmitLedger.Entry sent = submits.sent(SubmitLedger.Account.of(provider, options.apiKey()), checkpoint);
        provider.submit(session, model, input, callback.url(provider)).whenComplete((id, error) -> {
            // The ledger learns the outcome even when the run is over: other renders' lost replies depend on it.
            Throwable cause = Failures.unwrap(error);
            if (books.afterSubmit(id, cause)) {
                submits.refused(sent);
                return; // refused for now (429): nothing exists, nothing is charged; the books submit again
            }
            if (cause instanceof SubmitReplyLostException lost) {
                SubmitLedger.Entry entry = submits.lost(sent, null, null);
                control.next(() -> resolveLostSubmit(lost, entry));
            } else if (cause != null) {
                submits.refused(sent);
                control.fail(cause);
            } else {
                submits.claimed(sent, id);
                control.next(() -> adopt(id));
            }
        });
    }

    private CompletionStage<Void> saveCheckpoint(RenderCheckpoint toSave) {
        return CheckpointStore.saveSafely(options.checkpointStore(), toSave);
    }

    /** The submit's reply never came: ask the host's history, never submit again. */
    private void resolveLostSubmit(SubmitReplyLostException lost, SubmitLedger.Entry sent) {
        phase = RenderPhase.SUBMITTING;
        SubmitLedger.Entry entry =
                engine.submits().lost(sent, SubmitLedger.Account.of(provider, options.apiKey()), checkpoint);
        LostSubmit.resolve(control, provider, session, checkpoint, lost, this::adopt, engine.submits(), entry);
    }

    /** The host has the job under {@code id}: record it, then wait. */
    private void adopt(String id) {
        books.accepted(id);
        acceptedAt = control.now();
        checkpoint = checkpoint.withPredictionId(id);
        saveCheckpoint(checkpoint).whenComplete((saved, error) -> {
            if (error != null) {
                // The job exists; abandoning it would waste it. Say so and keep going.
                control.emit(RenderMessages.checkpointWithIdNotSaved(id, Failures.unwrap(error)));
            }
        });
        control.emit(RenderMessages.submitted(id));
        startWaiting(false);
    }

    private void startWaiting(boolean askNow) {
        phase = RenderPhase.WAITING;
        JobWatch w = new JobWatch(
                control, engine.pollingPolicy(), provider, session, checkpoint, acceptedAt, this::download);
        watch = w;
        callback.listen(provider, checkpoint, w, control, askNow);
        w.start(askNow);
    }

    private void download(URI url) {
        phase = RenderPhase.DOWNLOADING;
        books.jobEnded();
        // The host's URL is checked before anything uses it (a URL without a host has no origin).
        MediaDownload.requireMediaUrl(
                url, Origin.isLoopbackHttp(url), "the clip's output URL", RenderMessages.clipUrlAdvice(provider.id()));
        Path temp;
        try {
            temp = delivery.begin(control::isOver);
        } catch (IOException e) {
            control.fail(RenderMessages.cannotWriteNextTo(delivery.output(), e));
            return;
        }
        if (temp == null) {
            return;
        }
        control.emit(RenderMessages.downloading(url));
        session.download(url, temp, options.maxDownloadBytes(), meter).whenComplete((downloaded, error) -> {
            if (error != null) {
                control.fail(error);
                return;
            }
            control.next(() -> verifyAndDeliver(downloaded, url));
        });
    }

    private void verifyAndDeliver(DownloadResult downloaded, URI url) {
        phase = RenderPhase.VERIFYING;
        control.emit(RenderMessages.verifying(downloaded.bytes()));
        RenderCheckpoint at = checkpoint;
        Mp4Info info = delivery.verify(downloaded, at.expected().orElse(null));
        try {
            if (!delivery.publish(control::claim)) {
                return;
            }
        } catch (IOException e) {
            control.end(RenderMessages.cannotMove(delivery.output(), e));
            return;
        }
        phase = RenderPhase.DONE;
        control.emit(RenderMessages.done(delivery.output(), info));
        books.delivered(at, delivery.output());
        control.succeed(RenderResults.delivered(at, delivery.output(), url, info, control.queuedAt(), control.now()));
    }

    // ---- handle ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<RenderResult> result() {
        return control.result();
    }

    @Override
    public void cancel() {
        if (control.isOver()) {
            return;
        }
        RenderCheckpoint at = checkpoint;
        String hostCan = at == null ? null : engine.provider(at.provider()).cancelNote();
        control.emit(RenderMessages.cancelledEvent(at, hostCan));
        control.fail(RenderMessages.cancelled(at, hostCan));
    }

    @Override
    public Optional<RenderCheckpoint> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    @Override
    public RenderPhase phase() {
        return phase;
    }

    @Override
    public boolean waitingForSlot() {
        return books.waitingForSlot();
    }

    @Override
    public Optional<DownloadProgress> downloadProgress() {
        return DownloadProgress.of(meter);
    }

    // ---- plumbing ----------------------------------------------------------------------------

    /** Checks that this engine and these options can carry on {@code from}'s job; fails the run if not. */
    private boolean takeOver(RenderCheckpoint from, String what) {
        provider = engine.provider(from.provider());
        Optional<RenderException> refused = TakeOverCheck.refusal(provider, from, control.now(), options, what);
        if (refused.isPresent()) {
            control.fail(refused.get());
            return false;
        }
        checkpoint = from;
        acceptedAt = from.adopted() ? null : from.submittedAt();
        openSession();
        books.resumed(provider, from);
        return true;
    }

    private void openSession() {
        session = engine.openSession(
                provider, options.apiKey(), control.deadlineFrom().plus(options.deadline()));
    }

    /**
     * The caller bounds the wait for a slot at the host apart from the deadline: the time a render
     * waits holds no thread, costs nothing and says nothing about the host's speed, so a nightly
     * fan-out of fifty clips queues without any of them timing out before it was even sent.
     */
    private final class SlotWaitBound implements RunBooks.SlotWait {
        @Override
        public void began() {
            cancelDeadline();
            deadlineTask = control.after(
                    options.slotWait(),
                    () -> control.fail(RenderMessages.noSlotInTime(options.slotWait(), provider.id())));
        }

        @Override
        public void ended() {
            cancelDeadline();
            control.restartDeadline();
            armDeadline();
            // Its retries are bounded by the deadline, which has moved.
            openSession();
        }

        private void cancelDeadline() {
            Cancellable old = deadlineTask;
            if (old != null) {
                old.cancel();
            }
        }
    }

    private void armDeadline() {
        deadlineTask = control.after(
                options.deadline(),
                () -> control.fail(RenderMessages.deadline(
                        options.deadline(), phase.name().toLowerCase(Locale.ROOT), checkpoint)));
    }

    private RenderException explain(Throwable error) {
        HostSession s = session;
        return RenderMessages.asRenderException(error, s == null ? text -> text : s::redact);
    }

    /**
     * Stops whatever is pending (deadline, next poll, the exchange in flight) and removes the
     * temporary file. Runs once, after the render was claimed and before the result completes.
     */
    private void cleanUp(RenderException error) {
        Cancellable deadline = deadlineTask;
        if (deadline != null) {
            deadline.cancel();
        }
        JobWatch w = watch;
        if (w != null) {
            w.cancel();
        }
        callback.stop();
        HostSession s = session;
        if (s != null) {
            s.cancel(error);
        }
        delivery.discard();
        books.ended(error);
    }
}
