package io.jenkins.plugins.happyhorse.pipeline;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.engine.EngineAccess;
import io.jenkins.plugins.happyhorse.render.RenderContext;
import io.jenkins.plugins.happyhorse.render.RenderOutcome;
import io.jenkins.plugins.happyhorse.render.RenderParameters;
import io.jenkins.plugins.happyhorse.render.RenderSession;
import io.jenkins.plugins.happyhorse.render.ResumeState;
import io.jenkins.plugins.happyhorse.render.StepFailures;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The running {@code happyHorseRender} step. Fully asynchronous: {@link #start()} hands the render
 * to a {@link RenderSession} and returns false; the session's future completes the step. No thread
 * is held while the host renders, and {@link #getStatus()} says what the step waits for (the
 * Pipeline steps view and the thread dump show it).
 *
 * <p>Saved with the Pipeline: the user's plain values and, from just before the submit on, the
 * {@link ResumeState} (the engine's checkpoint: ids and digests). Never the key, never the step.
 * After a controller restart {@link #onResume()} picks the render up from that state and never
 * submits again; a render that had not reached its submit starts over (nothing was sent, so
 * nothing was charged).
 *
 * <p>The workspace is asked of the step's context each time it is needed, never kept: the one
 * given at the start is stale once its agent has reconnected.
 */
public final class RenderStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(RenderStepExecution.class.getName());

    private final RenderParameters parameters;
    private volatile ResumeState resumeState;
    private boolean completed;
    private transient volatile RenderSession session;
    // Set by stop(); guarded by this. A stop that comes while a resume is being set up must keep
    // that resume from starting a render nobody waits for (and that the host would bill).
    private boolean stopRequested;

    RenderStepExecution(StepContext context, RenderParameters parameters) {
        super(context);
        this.parameters = parameters;
    }

    @Override
    public boolean start() throws Exception {
        RenderSession s = newSession();
        session = s;
        s.start(parameters).whenComplete((outcome, error) -> complete(s, outcome, error));
        return false;
    }

    @Override
    public void onResume() {
        // Getting the workspace may wait for its agent to reconnect: never on the resuming thread.
        Timer.get().execute(this::reattach);
    }

    private void reattach() {
        ResumeState state = resumeState;
        try {
            RenderSession s = newSession();
            if (!adopt(s)) {
                return;
            }
            if (state == null || state.checkpointJson() == null) {
                // Nothing reached the host, so nothing was charged: start over, as the user would.
                getContext()
                        .get(TaskListener.class)
                        .getLogger()
                        .println(Messages.RenderStepExecution_RestartedBeforeSubmit());
                s.start(parameters).whenComplete((outcome, error) -> complete(s, outcome, error));
            } else {
                s.resume(state).whenComplete((outcome, error) -> complete(s, outcome, error));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            finish(false, null, e);
        }
    }

    private RenderSession newSession() throws IOException, InterruptedException {
        StepContext context = getContext();
        RenderContext where = new RenderContext(
                context.get(Run.class),
                context.get(TaskListener.class),
                this::workspace,
                RenderContext.Kind.PIPELINE,
                this::saveResumeState);
        return new RenderSession(
                where, EngineAccess.controller(), HappyHorseConfiguration.get().renderDefaults());
    }

    /**
     * The workspace now: {@code node {}} gives the context one that is looked up again after its
     * agent reconnected; null outside {@code node {}} or while the agent is away.
     */
    private @CheckForNull FilePath workspace() throws IOException, InterruptedException {
        return getContext().get(FilePath.class);
    }

    /** Makes {@code s} the step's render, unless the step was stopped meanwhile (then it must not run). */
    private synchronized boolean adopt(RenderSession s) {
        if (stopRequested || completed) {
            return false;
        }
        session = s;
        return true;
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        RenderSession s;
        synchronized (this) {
            stopRequested = true;
            s = session;
        }
        String message = s == null ? null : s.cancel();
        if (message != null) {
            try {
                getContext().get(TaskListener.class).getLogger().println(message);
            } catch (IOException | InterruptedException e) {
                LOGGER.log(Level.FINE, "No log to say the render stopped", e);
            }
        }
        finish(false, null, cause);
    }

    /** What the step waits for, e.g. {@code waiting for WaveSpeed to finish prediction 3f9c…}. */
    @Override
    public String getStatus() {
        RenderSession s = session;
        if (s != null) {
            return s.status();
        }
        return resumeState == null ? "not started" : "resuming after a restart";
    }

    @Override
    public boolean blocksRestart() {
        RenderSession s = session;
        return s != null && s.isBusy();
    }

    private void complete(RenderSession from, RenderOutcome outcome, Throwable error) {
        if (error != null && from.interruptedByShutdown()) {
            // Jenkins is stopping and closed the engine under the render: it resumes after the
            // restart from its saved state, so this is no failure of the build.
            LOGGER.log(Level.FINE, "Render interrupted by shutdown; it resumes after the restart", error);
            return;
        }
        finish(error == null, outcome, error == null ? null : StepFailures.forBuild(error));
    }

    private void finish(boolean success, @CheckForNull RenderOutcome outcome, @CheckForNull Throwable error) {
        if (!markCompleted()) {
            return;
        }
        if (success) {
            getContext().onSuccess(outcome == null ? null : outcome.toMap());
        } else {
            getContext().onFailure(error);
        }
    }

    /** Whether this call is the first to complete the step (a stop and a late failure may race). */
    private synchronized boolean markCompleted() {
        if (completed) {
            return false;
        }
        completed = true;
        return true;
    }

    /**
     * Keeps what a resume needs and has the Pipeline write it. The engine sends the submit only
     * once this stage completes, so a restart always finds the checkpoint; nothing blocks meanwhile.
     */
    private CompletionStage<Void> saveResumeState(ResumeState state) {
        resumeState = state;
        CompletableFuture<Void> saved = new CompletableFuture<>();
        ListenableFuture<Void> writing = getContext().saveState();
        writing.addListener(
                () -> {
                    try {
                        writing.get();
                        saved.complete(null);
                    } catch (ExecutionException e) {
                        saved.completeExceptionally(e.getCause());
                    } catch (InterruptedException | RuntimeException e) {
                        saved.completeExceptionally(e);
                    }
                },
                MoreExecutors.directExecutor());
        return saved;
    }
}
