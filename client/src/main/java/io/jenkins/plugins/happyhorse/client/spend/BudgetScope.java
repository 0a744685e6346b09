package io.jenkins.plugins.happyhorse.client.spend;

/**
 * Which charges a budget counts: those of one job, of one host, or all of them.
 *
 * @param job the job label whose charges count, or null for every job
 * @param host the host id whose charges count, or null for every host
 */
public record BudgetScope(String job, String host) {

    /** Every charge (a controller's budget). */
    public static BudgetScope everything() {
        return new BudgetScope(null, null);
    }

    /** The charges of {@code job} (a job's budget). */
    public static BudgetScope job(String job) {
        return new BudgetScope(java.util.Objects.requireNonNull(job, "job"), null);
    }

    /** Whether a charge of {@code labels} on {@code host} counts. */
    public boolean matches(SpendLabels labels, String host) {
        return (job == null || job.equals(labels.job())) && (this.host == null || this.host.equals(host));
    }
}
