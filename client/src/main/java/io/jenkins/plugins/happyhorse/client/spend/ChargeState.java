package io.jenkins.plugins.happyhorse.client.spend;

/** Where a charge stands. */
public enum ChargeState {
    /**
     * Recorded before its submit was sent, and not confirmed: the submit may or may not have
     * reached the host (a crash or a lost reply in between). Counted as spent, because it may have
     * been, until a resume confirms it or a lookup shows no job.
     */
    PENDING,
    /** The host accepted the submit: a job exists and is charged. */
    CONFIRMED,
    /** The host refused the submit (or shows no job for it): nothing was charged. */
    VOID;

    /** Whether it counts as money spent. */
    public boolean counts() {
        return this != VOID;
    }
}
