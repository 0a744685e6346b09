package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.action.RenderRecord;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.credentials.ApiKeyLookup;
import io.jenkins.plugins.happyhorse.engine.RenderEngines;
import io.jenkins.plugins.happyhorse.engine.RenderSlots;
import io.jenkins.plugins.happyhorse.workspace.OutputDelivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One render of one build, shared by the Pipeline step and the freestyle build step: prepare
 * (check, copy the workspace images to the controller), wait for a free render slot, let the
 * engine upload, submit, wait, download and verify, then deliver the clip (workspace, archive,
 * build page) and describe it in a {@link RenderOutcome}.
 *
 * <p>Everything is asynchronous: {@link #start(RenderParameters)} and {@link #resume(ResumeState)}
 * return at once
 * with a future. Blocking work (agent I/O, copying files) runs on Jenkins' remoting pool; while
 * the host renders, no thread is held at all. The API key is looked up just before the engine
 * needs it and lives only in memory.
 */
public final class RenderSession {
    private static final Logger LOGGER = Logger.getLogger(RenderSession.class.getName());
    private static final String PREFIX = "[HappyHorse] ";

    /** The least time a resumed render gets, even when its deadline passed while Jenkins was down. */
    private static final Duration RESUME_GRACE = Duration.ofMinutes(5);

    private final Run<?, ?> run;
    private final @CheckForNull FilePath workspace;
    private final TaskListener listener;
    private final ResumeStateStore resumeStateStore;
    private final Executor blocking;
    private final int epoch = RenderEngines.epoch();

    /** Where the session is; the engine's own phase takes over while it runs the render. */
    private enum Stage {
        PREPARING,
        QUEUED,
        RENDERING,
        DELIVERING,
        OVER
    }

    private volatile Stage stage = Stage.PREPARING;
    private volatile String lastMessage = "";
    private volatile boolean cancelled;
    private volatile RenderSlots.Ticket ticket;
    private volatile RenderEngines.Lease lease;
    private volatile RenderHandle handle;
    private volatile Path stagingDir;
    private volatile String credentialsId;
    private RenderPhase loggedPhase;

    /**
     * @param run the build
     * @param workspace the workspace, or null outside {@code node {}} or when its agent is gone
     * @param listener the build log
     * @param resumeStateStore keeps what a resume after a restart needs, each time it changes
     *     (the Pipeline step saves it with its program; a freestyle build cannot resume)
     */
    public RenderSession(
            Run<?, ?> run, @CheckForNull FilePath workspace, TaskListener listener, ResumeStateStore resumeStateStore) {
        this.run = run;
        this.workspace = workspace;
        this.listener = listener;
        this.resumeStateStore = resumeStateStore;
        this.blocking = Computer.threadPoolForRemoting;
    }

    /** Starts a new render; the future completes with its outcome or fails with a clear message. */
    public CompletableFuture<RenderOutcome> start(RenderParameters parameters) {
        CompletableFuture<RenderOutcome> outcome = new CompletableFuture<>();
        blocking.execute(() -> {
            try {
                Path root = stagingRoot();
                PreparedRender prepared = RenderPreparation.prepare(parameters, run, workspace, listener, root);
                stagingDir = prepared.stagingDir();
                credentialsId = prepared.credentialsId();
                // Looked up for a dry run too, which so checks that the credential exists.
                ApiKey key = ApiKeyLookup.resolve(run, prepared.credentialsId());
                lease = RenderEngines.lease();
                CostEstimate estimate = lease.engine().estimate(prepared.spec());
                listener.getLogger().println(PREFIX + Messages.RenderSession_Estimate(estimate));
                RenderSlots.Ticket slot = RenderEngines.slots().request();
                ticket = slot;
                if (slot.isWaiting()) {
                    stage = Stage.QUEUED;
                    listener.getLogger()
                            .println(PREFIX
                                    + Messages.RenderSession_Queued(
                                            RenderEngines.slots().limit()));
                }
                // Granted later, a slot comes on the thread that freed it: go back to the pool.
                slot.granted()
                        .whenCompleteAsync(
                                (granted, error) -> {
                                    if (error != null) {
                                        outcome.completeExceptionally(error);
                                    } else if (cancelled) {
                                        outcome.completeExceptionally(
                                                new CancellationException("stopped before it started"));
                                    } else {
                                        launch(parameters, prepared, key, outcome);
                                    }
                                },
                                blocking);
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return finish(outcome);
    }

    /**
     * Picks up a render saved by {@link #start} after a controller restart. It never submits
     * again: the engine waits for the saved job (or, when the restart came in the middle of the
     * submit, finds it through the host, or fails naming the request digest).
     */
    public CompletableFuture<RenderOutcome> resume(ResumeState state) {
        CompletableFuture<RenderOutcome> outcome = new CompletableFuture<>();
        stage = Stage.RENDERING;
        blocking.execute(() -> {
            try {
                RenderCheckpoint checkpoint = RenderCheckpoint.fromJson(state.checkpointJson());
                listener.getLogger().println(PREFIX + Messages.RenderSession_Resuming(describe(checkpoint)));
                credentialsId = state.credentialsId();
                ApiKey key = ApiKeyLookup.resolve(run, state.credentialsId());
                lease = RenderEngines.lease();
                ticket = RenderEngines.slots().takeNow();
                stagingDir = Files.createTempDirectory(Files.createDirectories(stagingRoot()), "resume-");
                Instant now = RenderEngines.scheduler().now();
                Duration left = Duration.between(now, Instant.ofEpochMilli(state.deadlineEpochMillis()));
                if (left.compareTo(RESUME_GRACE) < 0) {
                    // Look at least once: the clip may have been finished while Jenkins was down.
                    left = RESUME_GRACE;
                }
                RenderOptions options = options(state.parameters(), key, stagingDir.resolve("clip.mp4"), left, state);
                if (cancelled) {
                    throw new CancellationException("stopped before it resumed");
                }
                RenderHandle h = lease.engine().resume(checkpoint, options);
                handle = h;
                follow(h, state.parameters(), state.output(), outcome);
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return finish(outcome);
    }

    /**
     * Stops waiting: leaves the slot queue or cancels the engine's render. Returns the sentence
     * for the log: a job the host already has may still run and be billed, since neither host
     * can cancel one.
     */
    public String cancel() {
        cancelled = true;
        RenderSlots.Ticket t = ticket;
        if (t != null && t.isWaiting()) {
            t.close();
        }
        RenderHandle h = handle;
        String message = Messages.RenderSession_CancelledBeforeSubmit();
        if (h != null) {
            RenderCheckpoint checkpoint = h.checkpoint().orElse(null);
            if (checkpoint != null) {
                message = Messages.RenderSession_CancelledAfterSubmit(
                        checkpoint.provider().displayName(),
                        checkpoint.predictionId() == null ? "(id not known yet)" : checkpoint.predictionId());
            }
            h.cancel();
        }
        return PREFIX + message;
    }

    /** What the render is doing or waiting for, for the Pipeline's status and thread dump. */
    public String status() {
        RenderHandle h = handle;
        switch (stage) {
            case PREPARING:
                return "preparing: checking the request and copying the reference images";
            case QUEUED:
                RenderSlots slots = RenderEngines.slots();
                return "waiting for a free render slot (" + slots.inUse() + " of " + slots.limit() + " in use, "
                        + slots.waiting() + " waiting)";
            case DELIVERING:
                return "delivering the clip to the workspace and the build's artifacts";
            case OVER:
                return "over";
            default:
                if (h == null) {
                    return "starting the render";
                }
                RenderPhase phase = h.phase();
                RenderCheckpoint checkpoint = h.checkpoint().orElse(null);
                if (phase == RenderPhase.WAITING && checkpoint != null) {
                    return "waiting for " + checkpoint.provider().displayName() + " to finish prediction "
                            + checkpoint.predictionId() + " (" + lastMessage + ")";
                }
                return phase.name().toLowerCase(Locale.ROOT) + ": " + lastMessage;
        }
    }

    /**
     * Whether a failure of this render is an effect of Jenkins stopping (which closes the engine
     * under it) rather than a failure of the render: the render then resumes after the restart.
     */
    public boolean interruptedByShutdown() {
        return RenderEngines.isStopping() || RenderEngines.epoch() != epoch;
    }

    /** Whether the render is moving data right now (as opposed to waiting), which holds a restart. */
    public boolean isBusy() {
        Stage now = stage;
        if (now == Stage.QUEUED || now == Stage.OVER) {
            return false;
        }
        RenderHandle h = handle;
        return now != Stage.RENDERING || h == null || h.phase() != RenderPhase.WAITING;
    }

    private void launch(
            RenderParameters parameters,
            PreparedRender prepared,
            ApiKey key,
            CompletableFuture<RenderOutcome> outcome) {
        try {
            stage = Stage.RENDERING;
            // The timeout runs from here, once the render has its slot, on the engine's clock.
            Duration left = Duration.ofMinutes(prepared.timeoutMinutes());
            long deadlineMillis = RenderEngines.scheduler().now().plus(left).toEpochMilli();
            ResumeState base = new ResumeState(
                    parameters, prepared.credentialsId(), prepared.output(), prepared.number(), deadlineMillis, null);
            RenderOptions options = options(parameters, key, prepared.downloadPath(), left, base);
            RenderHandle h = lease.engine().render(prepared.spec(), options);
            handle = h;
            if (cancelled) {
                h.cancel();
            }
            follow(h, parameters, prepared.output(), outcome);
        } catch (Throwable t) {
            outcome.completeExceptionally(t);
        }
    }

    private RenderOptions options(
            RenderParameters parameters, ApiKey key, Path download, Duration deadline, ResumeState base) {
        RenderOptions.Builder options = RenderOptions.builder()
                .apiKey(key)
                .output(download)
                .maxCost(RenderPreparation.maxCost(parameters))
                .deadline(deadline)
                .listener(this::onEvent)
                .dryRun(parameters.dryRun());
        if (!parameters.dryRun()) {
            options.checkpointStore(checkpoint -> resumeStateStore
                    .save(new ResumeState(
                            base.parameters(),
                            base.credentialsId(),
                            base.output(),
                            base.number(),
                            base.deadlineEpochMillis(),
                            checkpoint.toJson()))
                    .thenRun(() -> {
                        if (checkpoint.predictionId() != null && !interruptedByShutdown()) {
                            listener.getLogger()
                                    .println(PREFIX
                                            + Messages.RenderSession_Submitted(
                                                    checkpoint.provider().displayName(), checkpoint.predictionId()));
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
            stage = Stage.DELIVERING;
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
        if (result.dryRun()) {
            listener.getLogger()
                    .println(
                            PREFIX + Messages.RenderSession_DryRun(result.cost().toPlainString()));
            return RenderOutcome.of(result, null);
        }
        OutputDelivery.Delivered delivered =
                OutputDelivery.deliver(result.output(), workspace, output, parameters.archive(), run, listener);
        RenderRecord record = RenderOutcome.record(result, parameters.prompt(), delivered);
        RenderAction.of(run).add(record);
        String took = Util.getTimeSpanString(result.timings().elapsed().toMillis());
        listener.getLogger()
                .println(PREFIX
                        + Messages.RenderSession_Done(
                                result.provider().displayName(),
                                result.predictionId(),
                                result.cost().toPlainString(),
                                took));
        return RenderOutcome.of(result, delivered);
    }

    private void onEvent(RenderEvent event) {
        boolean changed;
        synchronized (this) {
            changed = event.phase() != loggedPhase;
            loggedPhase = event.phase();
        }
        if (interruptedByShutdown()) {
            // The engine of a Jenkins that is stopping (or gone): its build's log is no longer ours.
            return;
        }
        String elapsed = Util.getTimeSpanString(event.elapsed().toMillis());
        lastMessage = event.message();
        if (changed) {
            listener.getLogger()
                    .println(PREFIX + phaseName(event.phase()) + " after " + elapsed + ": " + event.message());
        }
    }

    private static String phaseName(RenderPhase phase) {
        String name = phase.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
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
                    finished.completeExceptionally(inTermsOfTheStep(error));
                }
            }
        });
        return finished;
    }

    /**
     * The engine's failures that come from one of the step's settings, reworded to name it: the
     * engine knows a "cost limit" and "the API key", the user wrote {@code maxCost} and a
     * {@code credentialsId}. Other failures are left as they are.
     */
    private Throwable inTermsOfTheStep(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CostLimitExceededException) {
            return new AbortException(Messages.RenderSession_CostLimit(cause.getMessage()));
        }
        String id = credentialsId;
        if (cause instanceof AuthenticationException && id != null) {
            // The id only: it names where the key is kept, never the key.
            return new AbortException(Messages.RenderSession_KeyRefused(cause.getMessage(), id));
        }
        return error;
    }

    /** Gives back the slot and the engine, and deletes the render's folder. */
    private void cleanUp() {
        stage = Stage.OVER;
        RenderSlots.Ticket t = ticket;
        if (t != null) {
            t.close();
        }
        RenderEngines.Lease l = lease;
        if (l != null) {
            l.close();
        }
        Path dir = stagingDir;
        if (dir != null) {
            try {
                Util.deleteRecursive(dir.toFile());
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Could not delete the render folder " + dir, e);
            }
        }
    }

    private static String describe(RenderCheckpoint checkpoint) {
        return checkpoint.predictionId() == null
                ? checkpoint.provider().displayName() + " (submit in flight; request digest "
                        + checkpoint.requestDigest() + ")"
                : checkpoint.provider().displayName() + " prediction " + checkpoint.predictionId();
    }

    /**
     * The controller's temporary folder under which each render gets a folder of its own for its
     * images and its clip, deleted when the render is over.
     */
    static Path stagingRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "happyhorse");
    }

    /**
     * The failure to report for {@code error}: the engine's and this plugin's messages are
     * written for people, so they fail the build without a stack trace.
     */
    public static Throwable forBuild(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RenderException || cause instanceof AbortException) {
            return new AbortException(cause.getMessage());
        }
        return cause;
    }
}
