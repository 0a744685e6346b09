package io.jenkins.plugins.happyhorse.client.job;

/** A job's state in the engine's neutral vocabulary; each provider maps its host's words to these. */
public enum PredictionStatus {
    /** Accepted, not started (or not visible yet). */
    QUEUED,
    /** Rendering. */
    PROCESSING,
    /** Done, with an output URL. */
    SUCCEEDED,
    /** The host gave up on it (including refusal by moderation). */
    FAILED,
    /** Cancelled or deleted on the host. */
    CANCELLED,
    /** The host's own time limit ran out. */
    TIMED_OUT,
    /** A word this engine does not know. */
    UNKNOWN;

    /** Whether the job will not change any more. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
    }
}
