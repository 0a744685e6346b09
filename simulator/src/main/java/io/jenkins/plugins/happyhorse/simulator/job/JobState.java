package io.jenkins.plugins.happyhorse.simulator.job;

/** A job's state in neutral terms; each host spells it with its own status word. */
public enum JobState {
    QUEUED(false),
    PROCESSING(false),
    SUCCEEDED(true),
    FAILED(true),
    MODERATED(true),
    TIMED_OUT(true),
    CANCELLED(true),
    /** A status word no client knows; the job never leaves it. */
    UNKNOWN(false);

    private final boolean terminal;

    JobState(boolean terminal) {
        this.terminal = terminal;
    }

    /** Whether a client should stop polling (success or a documented failure). */
    public boolean terminal() {
        return terminal;
    }
}
