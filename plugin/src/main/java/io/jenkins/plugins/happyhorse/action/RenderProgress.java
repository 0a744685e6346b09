package io.jenkins.plugins.happyhorse.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A render still running, as its card on the build page shows it: the host, the prediction id once
 * known, what it is doing, and how long the host has had it against how long a clip of its shape
 * usually takes. Lives in memory only; the render updates it and takes it down when it is over.
 */
public final class RenderProgress {
    private final String prompt;
    private final Supplier<Instant> clock;
    private final Instant startedAt;
    private volatile String host;
    private volatile String predictionId;
    private volatile String phase;
    private volatile Instant submittedAt;
    private volatile Duration expected = Duration.ZERO;

    /**
     * @param prompt the prompt, or null when the clip is collected by its prediction id
     * @param host the host's name
     * @param clock the engine's clock, which the submit time and the expected time are measured on
     */
    public RenderProgress(@CheckForNull String prompt, String host, Supplier<Instant> clock) {
        this.prompt = prompt;
        this.host = host;
        this.clock = clock;
        this.startedAt = clock.get();
        this.phase = "preparing";
    }

    /** Says what the render does now, e.g. {@code uploading image 1 of 2}. */
    public void phase(String phase) {
        this.phase = phase;
    }

    /**
     * The host has the job: from now on the card counts the time since {@code at} against
     * {@code expected}.
     */
    public void submitted(String host, String predictionId, Instant at, Duration expected) {
        this.host = host;
        this.predictionId = predictionId;
        this.submittedAt = at;
        this.expected = expected;
    }

    public @CheckForNull String getPrompt() {
        return prompt;
    }

    public String getHost() {
        return host;
    }

    /** The host's job id, or null before the host has answered the submit. */
    public @CheckForNull String getPredictionId() {
        return predictionId;
    }

    public String getPhase() {
        return phase;
    }

    /** Time since the host took the job (or since the render started, before that). */
    public Duration elapsed() {
        Instant from = submittedAt != null ? submittedAt : startedAt;
        Duration d = Duration.between(from, clock.get());
        return d.isNegative() ? Duration.ZERO : d;
    }

    public String getElapsed() {
        return Util.getTimeSpanString(elapsed().toMillis());
    }

    /** How long a clip of this shape usually takes the host, or blank before the submit. */
    public String getExpected() {
        return submittedAt == null || expected.isZero() ? "" : Util.getTimeSpanString(expected.toMillis());
    }

    /** The elapsed time in percent of the expected time, at most 100; 0 before the submit. */
    public int getPercent() {
        if (submittedAt == null || expected.isZero()) {
            return 0;
        }
        return (int) Math.min(100, elapsed().toMillis() * 100 / expected.toMillis());
    }

    /** Whether the host takes longer than usual. */
    public boolean isOverdue() {
        return submittedAt != null && !expected.isZero() && elapsed().compareTo(expected) > 0;
    }
}
