package io.jenkins.plugins.happyhorse.cli.state;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a render stands, as its record says. A record exists from just before the submit on, so
 * every state but {@link #DONE} and {@link #FAILED} may have a paid clip still to collect: those
 * are {@linkplain #unfinished() unfinished}, and {@code happyhorse resume} takes them up.
 */
public enum RecordState {
    /** The submit is being sent; the host's id is not known yet. */
    SUBMITTING("submitting", true),
    /** The host has the job (its id is known); waiting, downloading or verifying. */
    WAITING("waiting", true),
    /** The verified clip is at the output. */
    DONE("done", false),
    /** The host ran the job and it failed, was refused or cancelled there: there is no clip. */
    FAILED("failed", false),
    /** Ctrl-C while the job ran on; it may still finish (and be billed). */
    CANCELLED("cancelled", true),
    /** {@code --timeout} passed while the job ran on. */
    TIMED_OUT("timed-out", true),
    /** The submit's reply was lost: the job may exist. */
    UNCERTAIN("uncertain", true),
    /** The job finished but its clip could not be fetched or written. */
    DOWNLOAD_FAILED("download-failed", true),
    /** The clip was fetched but is not the MP4 that was asked for; it was not kept. */
    VERIFICATION_FAILED("verification-failed", true),
    /** The command stopped on another error (the host unreachable, a key refused) while the job ran on. */
    STOPPED("stopped", true);

    private final String wire;
    private final boolean unfinished;

    RecordState(String wire, boolean unfinished) {
        this.wire = wire;
        this.unfinished = unfinished;
    }

    /** The word in the record and the {@code --json} output, e.g. {@code timed-out}. */
    public String wire() {
        return wire;
    }

    /** Whether a paid clip may still be collected. */
    public boolean unfinished() {
        return unfinished;
    }

    /** The state a word names. */
    public static Optional<RecordState> parse(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
