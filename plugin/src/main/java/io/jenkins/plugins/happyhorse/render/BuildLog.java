package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.console.HyperlinkNote;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.error.BudgetExceededException;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.reuse.StoredRender;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.reuse.ArtifactClipResolver;
import io.jenkins.plugins.happyhorse.reuse.ArtifactLocator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Every line a render writes to its build's log, each prefixed {@code [HappyHorse]}. Each thing is
 * said once: the estimate before the render waits for a slot, every image uploaded, the
 * submission (with what the build holds while it waits, which depends on its kind), each phase
 * the engine reports, and the result.
 */
final class BuildLog {
    static final String PREFIX = "[HappyHorse] ";

    /**
     * Engine events this log says in its own words, with what the engine cannot know (the host's
     * name with the id, what the build holds, the cost), so they are not repeated.
     */
    private static final List<String> SAID_HERE = List.of("submitted; prediction id", "resuming ", "collecting ");

    private final TaskListener listener;
    private final RenderContext.Kind kind;
    private final BooleanSupplier muted;

    /**
     * @param muted whether the log is no longer this render's to write (Jenkins is stopping, or
     *     the step was stopped and said so already)
     */
    BuildLog(TaskListener listener, RenderContext.Kind kind, BooleanSupplier muted) {
        this.listener = listener;
        this.kind = kind;
        this.muted = muted;
    }

    /** A line of the plugin's own. */
    void say(String line) {
        if (!muted.getAsBoolean()) {
            listener.getLogger().println(PREFIX + line);
        }
    }

    void estimate(CostEstimate estimate) {
        say(Messages.RenderSession_Estimate(estimate));
    }

    void staging(String relativePath, long bytes) {
        say(Messages.RenderPreparation_Staging(relativePath, bytes));
    }

    /** The host has the job: its id, and what the build holds while it waits. */
    void submitted(ProviderId host, String id, boolean inWorkspace) {
        String holds;
        if (kind == RenderContext.Kind.FREESTYLE) {
            holds = Messages.BuildLog_WaitsFreestyle();
        } else if (inWorkspace) {
            holds = Messages.BuildLog_WaitsInNode();
        } else {
            holds = Messages.BuildLog_WaitsOutsideNode();
        }
        say(Messages.RenderSession_Submitted(host.displayName(), id) + " " + holds);
    }

    /**
     * Whether the plugin says what {@code event} reports in its own words: the estimate (before the
     * slot), the result (with its cost), the submission, a resume and a collection.
     */
    static boolean saidHere(RenderEvent event) {
        RenderPhase phase = event.phase();
        return (phase == RenderPhase.ESTIMATING && event.message().startsWith("estimated cost"))
                || phase == RenderPhase.DONE
                || SAID_HERE.stream().anyMatch(event.message()::startsWith);
    }

    /** A progress report of the engine, unless this log says the same in its own words. */
    void event(RenderEvent event) {
        if (saidHere(event)) {
            return;
        }
        RenderPhase phase = event.phase();
        if (phase == RenderPhase.ESTIMATING && !event.message().isEmpty()) {
            // Before any call (reuse of an identical clip): no time has passed worth telling.
            say(Character.toUpperCase(event.message().charAt(0))
                    + event.message().substring(1));
            return;
        }
        String name = phase.name().toLowerCase(Locale.ROOT);
        say(Character.toUpperCase(name.charAt(0)) + name.substring(1) + " after "
                + Util.getTimeSpanString(event.elapsed().toMillis()) + ": " + event.message());
    }

    void resuming(RenderCheckpoint checkpoint) {
        String what = checkpoint.predictionId() == null
                ? checkpoint.provider().displayName() + " (submit in flight; request digest "
                        + checkpoint.requestDigest() + ")"
                : checkpoint.provider().displayName() + " prediction " + checkpoint.predictionId();
        say(Messages.RenderSession_Resuming(what));
    }

    /** Completion by webhook is on for this render: says how it is woken (the URL without its query). */
    void webhook(java.net.URI url) {
        String shown =
                url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
        say(Messages.BuildLog_Webhook(shown));
    }

    void collecting(ProviderId host, String id) {
        say(Messages.BuildLog_Collecting(host.displayName(), id));
    }

    void dryRun(CostEstimate estimate) {
        say(Messages.RenderSession_DryRun(estimate.usd().toPlainString()));
    }

    void done(RenderResult result) {
        if (result.reused()) {
            reused(result);
            return;
        }
        String took = Util.getTimeSpanString(result.timings().elapsed().toMillis());
        String host = result.provider().displayName();
        if (result.cost() == null) {
            say(Messages.BuildLog_Collected(host, result.predictionId(), took));
        } else {
            say(Messages.RenderSession_Done(
                    host, result.predictionId(), result.cost().toPlainString(), took));
        }
    }

    /** Says a refusal by a budget in this render's own words, when {@code error} is one. */
    void budgetRefusal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BudgetExceededException refused) {
                say(Messages.BuildLog_BudgetRefused(refused.getMessage()));
                return;
            }
        }
    }

    /** A reused clip: the build that paid for it (a link to it while it exists) and what it saved. */
    private void reused(RenderResult result) {
        StoredRender from = result.reusedFrom();
        String host = result.provider().displayName();
        String saved = RenderBooks.saved(from).toPlainString();
        String paidBy = RenderBooks.paidBy(from);
        Run<?, ?> build = ArtifactLocator.parse(from.locator())
                .map(ArtifactClipResolver::build)
                .orElse(null);
        String shown = build == null ? paidBy : HyperlinkNote.encodeTo("/" + build.getUrl(), paidBy);
        say(Messages.BuildLog_Reused(shown, from.predictionId(), saved, host));
    }

    /**
     * What to tell the user when the build stops the render: nothing was charged, or the host may
     * still bill the job, and then how to collect its clip later without paying again.
     */
    static String stopped(@CheckForNull RenderCheckpoint at, @CheckForNull String credentialsId) {
        if (at == null) {
            return PREFIX + Messages.RenderSession_CancelledBeforeSubmit();
        }
        String host = at.provider().displayName();
        if (at.predictionId() == null) {
            return PREFIX + Messages.BuildLog_StoppedDuringSubmit(host, at.submittedAt(), at.requestDigest());
        }
        return PREFIX + Messages.RenderSession_CancelledAfterSubmit(host, at.predictionId()) + " "
                + collectLater(at.provider(), at.predictionId(), credentialsId);
    }

    /** How to collect the clip of {@code id} without paying again, as a step call to copy. */
    static String collectLater(ProviderId host, String id, @CheckForNull String credentialsId) {
        String call = "happyHorseRender(predictionId: '" + id + "', provider: '" + host.id() + "'"
                + (credentialsId == null ? "" : ", credentialsId: '" + credentialsId + "'") + ")";
        return Messages.BuildLog_CollectLater(call);
    }
}
