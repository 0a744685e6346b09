package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.Computer;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.action.RenderProgress;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.Preflight;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.config.RenderDefaults;
import io.jenkins.plugins.happyhorse.credentials.ApiKeyLookup;
import io.jenkins.plugins.happyhorse.engine.EngineAccess;
import io.jenkins.plugins.happyhorse.render.CollectPreparation.PreparedCollection;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One render of one build, shared by the Pipeline step and the freestyle build step: prepare
 * (check, copy the workspace images to the controller), estimate once, let the engine upload,
 * wait for a slot at the host account, submit, wait, download and verify, then deliver the clip (archive,
 * workspace, build page) and describe it in a {@link RenderOutcome}. It also collects the clip of
 * a job submitted earlier, by its prediction id, and resumes a render after a restart; neither
 * submits anything.
 *
 * <p>Everything is asynchronous: {@link #start} and {@link #resume} return at once with a future.
 * Blocking work (agent I/O, copying files) runs on Jenkins' remoting pool; while the host renders,
 * no thread is held at all. The API key is looked up just before the engine needs it and lives
 * only in memory. The engine and the clock come from the {@link EngineAccess} it is
 * given; what it says goes to a {@link BuildLog}; how it fails, to {@link StepFailures}.
 */
public final class RenderSession {

    /** The least time a resumed render gets, even when its deadline passed while Jenkins was down. */
    private static final Duration RESUME_GRACE = Duration.ofMinutes(5);

    /** The longest a render waits for a slot at its host account before it gives up, nothing charged. */
    static final Duration SLOT_WAIT = Duration.ofHours(12);

    private final RenderContext context;
    private final EngineAccess engines;
    private final RenderDefaults defaults;
    private final BuildLog log;
    private final Executor blocking = Computer.threadPoolForRemoting;
    private final int epoch;

    private final RenderState state = new RenderState();
    private volatile boolean cancelled;
    private volatile boolean inWorkspace;
    private volatile long deadlineMillis;
    /** The render's timeout: how long it may take from the moment its host account admits it. */
    private volatile Duration timeout;

    private volatile EngineAccess.Lease lease;
    private volatile StagingArea staging;
    private volatile String credentialsId;

    /**
     * @param engines the controller's engines and clock
     * @param defaults what the global configuration gives a render that does not say otherwise
     */
    public RenderSession(RenderContext context, EngineAccess engines, RenderDefaults defaults) {
        this.context = context;
        this.engines = engines;
        this.defaults = defaults;
        this.epoch = engines.epoch();
        this.log = new BuildLog(context.listener(), context.kind(), () -> cancelled || interruptedByShutdown());
    }

    /**
     * Starts a new render, or collects the clip of {@code parameters.predictionId()}; the future
     * completes with the outcome or fails with a clear message.
     */
    public CompletableFuture<RenderOutcome> start(RenderParameters parameters) {
        CompletableFuture<RenderOutcome> outcome = new CompletableFuture<>();
        blocking.execute(() -> {
            try {
                int number = RenderAction.of(context.run()).reserveNumber();
                staging = StagingArea.of(context.run(), number);
                FilePath workspace = context.workspace().current();
                inWorkspace = workspace != null;
                if (parameters.collects()) {
                    collect(parameters, workspace, number, outcome);
                } else {
                    render(parameters, workspace, number, outcome);
                }
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return finish(outcome);
    }

    private void render(
            RenderParameters parameters, FilePath workspace, int number, CompletableFuture<RenderOutcome> outcome)
            throws IOException, InterruptedException {
        PreparedRender prepared = RenderPreparation.prepare(
                parameters, StepSettings.resolve(parameters, defaults), workspace, number, staging, log);
        credentialsId = prepared.credentialsId();
        // Looked up for a dry run too, which so checks that the credential exists.
        ApiKey key = ApiKeyLookup.resolve(context.run(), credentialsId);
        lease = engines.lease();
        ResumeState base = new ResumeState(parameters, credentialsId, prepared.output(), number, 0, null, inWorkspace);
        RenderOptions options = options(parameters, key, Duration.ofMinutes(prepared.timeoutMinutes()), base);
        Preflight check = lease.engine().preflight(prepared.spec(), options);
        if (!check.problems().isEmpty()) {
            throw new InvalidRequestException(prepared.inUserTerms(check.problems()));
        }
        if (parameters.dryRun()) {
            log.dryRun(check.estimate());
        } else {
            log.estimate(check.estimate());
        }
        if (check.refusal().isPresent()) {
            throw check.refusal().get();
        }
        if (parameters.dryRun()) {
            outcome.complete(RenderOutcome.dryRun(check));
            return;
        }
        show(new RenderProgress(parameters.prompt(), check.spec().provider().displayName(), this::now));
        launch(check, prepared, parameters, outcome);
    }

    private void launch(
            Preflight check,
            PreparedRender prepared,
            RenderParameters parameters,
            CompletableFuture<RenderOutcome> outcome) {
        state.stage(RenderState.Stage.RENDERING);
        timeout = Duration.ofMinutes(prepared.timeoutMinutes());
        // Until the host account admits the render; moved to its submit when it had to wait.
        deadlineMillis = now().plus(timeout).toEpochMilli();
        RenderHandle h = lease.engine().render(check);
        state.handle(h);
        if (cancelled) {
            h.cancel();
        }
        follow(h, parameters, prepared.output(), outcome);
    }

    /** Collects the clip of a job submitted earlier: never submits, so never charges again. */
    private void collect(
            RenderParameters parameters, FilePath workspace, int number, CompletableFuture<RenderOutcome> outcome)
            throws IOException, InterruptedException {
        PreparedCollection collection =
                CollectPreparation.prepare(parameters, StepSettings.resolve(parameters, defaults), workspace, number);
        credentialsId = collection.credentialsId();
        ApiKey key = ApiKeyLookup.resolve(context.run(), credentialsId);
        lease = engines.lease();
        ProviderId host = collection.job().provider();
        log.collecting(host, collection.job().predictionId());
        RenderCheckpoint checkpoint =
                RenderCheckpoint.adopted(collection.job(), lease.engine().endpoint(host), now(), collection.expected());
        show(new RenderProgress(null, host.displayName(), this::now));
        state.submitted(checkpoint);
        Duration timeout = Duration.ofMinutes(collection.timeoutMinutes());
        deadlineMillis = now().plus(timeout).toEpochMilli();
        ResumeState saved = new ResumeState(
                parameters,
                credentialsId,
                collection.output(),
                number,
                deadlineMillis,
                checkpoint.toJson(),
                inWorkspace);
        // Saved first, so that a restart goes on collecting rather than starting anew.
        context.resumeStateStore()
                .save(saved)
                .whenCompleteAsync(
                        (done, error) -> {
                            if (error != null) {
                                outcome.completeExceptionally(error);
                                return;
                            }
                            state.stage(RenderState.Stage.RENDERING);
                            RenderHandle h =
                                    lease.engine().download(checkpoint, options(parameters, key, timeout, null));
                            state.handle(h);
                            if (cancelled) {
                                h.cancel();
                            }
                            follow(h, parameters, collection.output(), outcome);
                        },
                        blocking);
    }

    /**
     * Picks up a render saved by {@link #start} after a controller restart. It never submits
     * again: the engine waits for the saved job (or, when the restart came in the middle of the
     * submit, finds it through the host, or fails naming the request digest).
     */
    public CompletableFuture<RenderOutcome> resume(ResumeState saved) {
        CompletableFuture<RenderOutcome> outcome = new CompletableFuture<>();
        state.stage(RenderState.Stage.RENDERING);
        blocking.execute(() -> {
            try {
                RenderCheckpoint checkpoint = RenderCheckpoint.fromJson(saved.checkpointJson());
                log.resuming(checkpoint);
                credentialsId = saved.credentialsId();
                inWorkspace = saved.inWorkspace();
                ApiKey key = ApiKeyLookup.resolve(context.run(), credentialsId);
                lease = engines.lease();
                staging = StagingArea.of(context.run(), saved.number());
                show(new RenderProgress(
                        saved.parameters().prompt(), checkpoint.provider().displayName(), this::now));
                if (checkpoint.predictionId() != null) {
                    state.submitted(checkpoint);
                }
                deadlineMillis = saved.deadlineEpochMillis();
                Duration left = Duration.between(now(), Instant.ofEpochMilli(deadlineMillis));
                if (left.compareTo(RESUME_GRACE) < 0) {
                    // Look at least once: the clip may have been finished while Jenkins was down.
                    left = RESUME_GRACE;
                }
                RenderOptions options = options(saved.parameters(), key, left, saved);
                if (cancelled) {
                    throw new CancellationException("stopped before it resumed");
                }
                RenderHandle h = lease.engine().resume(checkpoint, options);
                state.handle(h);
                follow(h, saved.parameters(), saved.output(), outcome);
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return finish(outcome);
    }

    /**
     * Stops waiting: cancels the engine's render (which leaves the queue at the host account). Returns the sentence
     * for the log: nothing was charged, or the host may still bill the job (neither host can
     * cancel one) and how to collect its clip later without paying again.
     */
    public String cancel() {
        RenderHandle h = state.handle();
        String message = BuildLog.stopped(state.checkpoint().orElse(null), credentialsId);
        cancelled = true;
        if (h != null) {
            h.cancel();
        }
        return message;
    }

    /** What the render is doing or waiting for, for the Pipeline's status and thread dump. */
    public String status() {
        return state.status();
    }

    /**
     * Whether a failure of this render is an effect of Jenkins stopping (which closes the engine
     * under it) rather than a failure of the render: the render then resumes after the restart.
     */
    public boolean interruptedByShutdown() {
        return engines.isStopping() || engines.epoch() != epoch;
    }

    /** Whether the render is moving data right now (as opposed to waiting), which holds a restart. */
    public boolean isBusy() {
        return state.isBusy();
    }

    private RenderOptions options(
            RenderParameters parameters, ApiKey key, Duration deadline, @CheckForNull ResumeState base) {
        RenderOptions.Builder options = RenderOptions.builder()
                .apiKey(key)
                .output(staging.clip())
                .maxCost(StepSettings.maxCost(parameters))
                .deadline(deadline)
                // Waiting for a slot at the host account holds no thread and costs nothing: the
                // timeout counts from the admission, so a large nightly fan-out never times out in
                // the queue. The wait itself is bounded, so that no build waits for ever.
                .slotWait(SLOT_WAIT)
                .listener(this::onEvent)
                .dryRun(parameters.dryRun());
        // Completion by webhook: a new render and a resumed one alike (the resumed one polls once and
        // listens again); a clip collected by its id was never asked to call back.
        URI webhook = base != null && !parameters.dryRun() ? engines.webhook() : null;
        if (webhook != null) {
            options.webhook(webhook);
            log.webhook(webhook);
        }
        if (base != null && !parameters.dryRun()) {
            // The controller's render store, spend ledger and budgets; a resumed render has a checkpoint.
            RenderBooks.apply(
                    options, context.run(), parameters, base.output(), staging, now(), base.checkpointJson() != null);
            options.checkpointStore(checkpoint -> context.resumeStateStore()
                    .save(base.at(deadlineMillis, checkpoint.toJson()))
                    .thenRun(() -> {
                        Duration t = timeout;
                        if (checkpoint.predictionId() == null && t != null) {
                            // Saved just before the submit: the engine's deadline counts from here.
                            deadlineMillis = checkpoint.submittedAt().plus(t).toEpochMilli();
                        }
                        if (checkpoint.predictionId() != null) {
                            state.submitted(checkpoint);
                            log.submitted(checkpoint.provider(), checkpoint.predictionId(), inWorkspace);
                        }
                    }));
        }
        return options.build();
    }

    private void follow(
            RenderHandle h, RenderParameters parameters, String output, CompletableFuture<RenderOutcome> outcome) {
        h.result().whenComplete((result, error) -> {
            if (error != null) {
                outcome.completeExceptionally(error);
                return;
            }
            state.stage(RenderState.Stage.DELIVERING);
            blocking.execute(() -> {
                try {
                    outcome.complete(deliver(result, parameters, output));
                } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                }
            });
        });
    }

    private RenderOutcome deliver(RenderResult result, RenderParameters parameters, String output)
            throws IOException, InterruptedException {
        state.phase(Messages.RenderSession_DeliveringPhase());
        return new OutputDelivery(context.run(), context.listener(), log)
                .handOver(result, parameters, output, staging, context.workspace(), inWorkspace);
    }

    private void onEvent(RenderEvent event) {
        if (!cancelled) {
            state.event(event);
        }
        log.event(event);
    }

    private void show(RenderProgress card) {
        state.card(card);
        RenderAction.of(context.run()).started(card);
    }

    private Instant now() {
        return engines.clock().now();
    }

    private CompletableFuture<RenderOutcome> finish(CompletableFuture<RenderOutcome> outcome) {
        CompletableFuture<RenderOutcome> finished = new CompletableFuture<>();
        outcome.whenComplete((result, error) -> {
            try {
                cleanUp();
            } finally {
                if (error == null) {
                    finished.complete(result);
                } else {
                    // Each refused branch of a fan-out says so; Pipeline reports only the first failure.
                    log.budgetRefusal(error);
                    finished.completeExceptionally(StepFailures.inTermsOfTheStep(
                            error, credentialsId, state.checkpoint().orElse(null)));
                }
            }
        });
        return finished;
    }

    /** Gives back the engine, takes the card down and cleans the render's folder. */
    private void cleanUp() {
        state.stage(RenderState.Stage.OVER);
        EngineAccess.Lease l = lease;
        if (l != null) {
            l.close();
        }
        RenderProgress card = state.card();
        if (card != null) {
            RenderAction.of(context.run()).finished(card);
        }
        StagingArea s = staging;
        // After a shutdown the folder is the resumed render's (in a Jenkins restarted in this process).
        if (s != null && !interruptedByShutdown()) {
            s.clean();
        }
    }
}
