package io.jenkins.plugins.happyhorse.spend;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.happyhorse.Messages;
import org.kohsuke.stapler.StaplerProxy;

/**
 * A job's own spend, on its page: this month's and the last 90 days' totals, a chart of its days,
 * one row per charge (build, host, prediction id, seconds, resolution, USD, state) and what reuse
 * saved it. Shown to whoever may read the job ({@link Item#READ}): it is about that job alone.
 * Added by {@link JobSpendActionFactory} only to jobs the ledger knows.
 */
public final class JobSpendAction implements Action, StaplerProxy {
    /** The action's URL under the job. */
    public static final String URL_NAME = "happyhorse-spend";

    private final Job<?, ?> job;

    JobSpendAction(Job<?, ?> job) {
        this.job = job;
    }

    /** The job. */
    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return job.hasPermission(Item.READ) ? SpendPage.ICON : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.JobSpendAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public Object getTarget() {
        job.checkPermission(Item.READ);
        return this;
    }

    /** The job's figures, from one snapshot of the ledger. */
    public SpendSnapshot getSnapshot() {
        return SpendSnapshot.ofJob(
                ControllerLedger.ledger().report(), job.getFullName(), SpendClock.get(), PeriodChoice.MONTH);
    }

    /** The build with the id the ledger recorded, or null when it was deleted. */
    public @CheckForNull Run<?, ?> build(String id) {
        return id == null || id.isEmpty() ? null : job.getBuild(id);
    }
}
