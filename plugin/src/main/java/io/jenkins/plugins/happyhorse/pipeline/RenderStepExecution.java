package io.jenkins.plugins.happyhorse.pipeline;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.render.RenderOutcome;
import io.jenkins.plugins.happyhorse.render.RenderParameters;
import io.jenkins.plugins.happyhorse.render.RenderSession;
import io.jenkins.plugins.happyhorse.render.ResumeState;
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
 * is held while the host renders.
 *
 * <p>Saved with the Pipeline: the user's plain values and, from just before the submit on, the
 * {@link ResumeState} (the engine's checkpoint: ids and digests). Never the key, never the step.
 * After a controller restart {@link #onResume()} picks the render up from that state and never
 * submits again; a render that had not reached its submit starts over (nothing was sent, so
 * nothing was charged).
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
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        RenderSession s = new RenderSession(run, workspace, listener, this::saveResumeState);
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
        StepContext context = getContext();
        ResumeState state = resumeState;
        try {
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            if (state == null || state.checkpointJson() == null) {
                // Nothing reached the host, so nothing was charged: start over, as the user would.
                RenderSession s = new RenderSession(run, context.get(FilePath.class), listener, this::saveResumeState);
                if (adopt(s)) {
                    listener.getLogger().println(Messages.RenderStepExecution_RestartedBeforeSubmit());
                    s.start(parameters).whenComplete((outcome, error) -> complete(s, outcome, error));
                }
                return;
            }
            FilePath workspace = workspaceIfOnline(context, listener);
            RenderSession s = new RenderSession(run, workspace, listener, this::saveResumeState);
            if (adopt(s)) {
                s.resume(state).whenComplete((outcome, error) -> complete(s, outcome, error));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            finish(false, null, e);
        }
    }

    private static @CheckForNull FilePath workspaceIfOnline(StepContext context, TaskListener listener) {
        try {
            FilePath workspace = context.get(FilePath.class);
            Computer computer = workspace == null ? null : workspace.toComputer();
            if (computer != null && computer.isOffline()) {
                listener.getLogger().println(Messages.RenderStepExecution_WorkspaceOffline());
                return null;
            }
            return workspace;
        } catch (IOException | InterruptedException | RuntimeException e) {
            listener.getLogger().println(Messages.RenderStepExecution_WorkspaceOffline());
            return null;
        }
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
        finish(error == null, outcome, error == null ? null : RenderSession.forBuild(error));
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
