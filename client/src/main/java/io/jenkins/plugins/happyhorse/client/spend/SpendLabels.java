package io.jenkins.plugins.happyhorse.client.spend;

/**
 * Who spent: opaque labels the caller gives and the ledger keeps with each charge, e.g. in Jenkins
 * the job's full name and the build's id, on the command line the user and a run id. Never a key.
 *
 * @param job the job (or any grouping the caller wants budgets and reports by); empty when none
 * @param build the build, run or other instance within the job; empty when none
 */
public record SpendLabels(String job, String build) {
    public SpendLabels {
        job = job == null ? "" : job;
        build = build == null ? "" : build;
    }

    /** No labels. */
    public static SpendLabels none() {
        return new SpendLabels("", "");
    }

    /** {@code job} and {@code build}. */
    public static SpendLabels of(String job, String build) {
        return new SpendLabels(job, build);
    }

    @Override
    public String toString() {
        return build.isEmpty() ? job : job + " #" + build;
    }
}
