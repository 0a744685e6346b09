package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.spec.ClipShape;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.time.Duration;

/**
 * When to ask the host about a job. A render's processing time is roughly predictable from its
 * length and resolution ({@code base + perSecond × duration}, × the 1080p factor), so polling is
 * sparse early (the first poll at 40 % of the expected time, then a few widely spaced ones), dense
 * around the expected completion (every {@code denseInterval} from 70 % to 130 % of it), and then
 * backs off gradually (the interval grows by 10 % of the overrun) up to a cap. The delay depends
 * only on the time since submission, so a resumed render picks up the same schedule.
 */
public final class PollingPolicy {
    private final double baseSeconds;
    private final double perVideoSecond;
    private final double factor1080p;
    private final double firstPollAt;
    private final double denseFrom;
    private final double denseUntil;
    private final Duration denseInterval;
    private final Duration maxInterval;
    private final double sparseStep;
    private final double overrunGrowth;

    private PollingPolicy(Builder b) {
        this.baseSeconds = b.baseSeconds;
        this.perVideoSecond = b.perVideoSecond;
        this.factor1080p = b.factor1080p;
        this.firstPollAt = b.firstPollAt;
        this.denseFrom = b.denseFrom;
        this.denseUntil = b.denseUntil;
        this.denseInterval = b.denseInterval;
        this.maxInterval = b.maxInterval;
        this.sparseStep = b.sparseStep;
        this.overrunGrowth = b.overrunGrowth;
    }

    /** Expected time {@code 60 s + 12 s × duration}, × 1.5 at 1080p; dense polls every 1.8 s; cap 15 s. */
    public static PollingPolicy defaults() {
        return builder().build();
    }

    /**
     * The safety net of a render that expects its host to call back: nothing before 1.5 × the
     * expected time (the callback should come well before), then a poll every 60 s, the interval
     * growing by a fifth of the overrun, up to 5 minutes. A lost callback so costs minutes, never a
     * hung render; the deadline still applies.
     */
    public static PollingPolicy webhookSafetyNet() {
        return builder()
                .phases(1.5, 1.5, 1.5)
                .denseInterval(Duration.ofSeconds(60))
                .maxInterval(Duration.ofMinutes(5))
                .overrunGrowth(0.2)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How long the host is expected to take for a clip of this shape. */
    public Duration expectedProcessing(ClipShape shape) {
        return expectedProcessing(shape.resolution(), shape.durationSeconds());
    }

    /** How long the host is expected to take for a clip. */
    public Duration expectedProcessing(Resolution resolution, int durationSeconds) {
        double seconds = baseSeconds + perVideoSecond * durationSeconds;
        if (resolution == Resolution.P1080) {
            seconds *= factor1080p;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The delay before the next poll, {@code elapsed} after submission of a job expected to take {@code expected}. */
    public Duration nextDelay(Duration expected, Duration elapsed) {
        double e = Math.max(0, elapsed.toMillis());
        double x = Math.max(1, expected.toMillis());
        double dense = denseInterval.toMillis();
        double delay;
        if (e < firstPollAt * x) {
            delay = firstPollAt * x - e;
        } else if (e < denseFrom * x) {
            delay = Math.min(sparseStep * x, denseFrom * x - e);
        } else if (e < denseUntil * x) {
            delay = dense;
        } else {
            delay = dense + overrunGrowth * (e - denseUntil * x);
        }
        delay = Math.max(dense, Math.min(maxInterval.toMillis(), delay));
        if (e < firstPollAt * x) {
            // The first wait may be longer than the cap: nothing can be done before then.
            delay = Math.max(delay, firstPollAt * x - e);
        }
        return Duration.ofMillis(Math.round(delay));
    }

    @Override
    public String toString() {
        return "PollingPolicy{expected=" + baseSeconds + "+" + perVideoSecond + "×duration s (×" + factor1080p
                + " at 1080p), dense " + denseInterval.toMillis() + " ms from " + denseFrom + " to " + denseUntil
                + ", cap " + maxInterval.toMillis() + " ms}";
    }

    /** Tunes the model and the schedule. */
    public static final class Builder {
        private double baseSeconds = 60;
        private double perVideoSecond = 12;
        private double factor1080p = 1.5;
        private double firstPollAt = 0.4;
        private double denseFrom = 0.7;
        private double denseUntil = 1.3;
        private Duration denseInterval = Duration.ofMillis(1800);
        private Duration maxInterval = Duration.ofSeconds(15);
        private double sparseStep = 0.15;
        private double overrunGrowth = 0.1;

        private Builder() {}

        /** Expected time = {@code baseSeconds + perVideoSecond × duration} (× {@code factor1080p} at 1080p). */
        public Builder expectedTime(double baseSeconds, double perVideoSecond, double factor1080p) {
            if (baseSeconds < 0 || perVideoSecond < 0 || factor1080p <= 0) {
                throw new IllegalArgumentException("The expected-time model needs non-negative numbers");
            }
            this.baseSeconds = baseSeconds;
            this.perVideoSecond = perVideoSecond;
            this.factor1080p = factor1080p;
            return this;
        }

        /**
         * Fractions of the expected time: the first poll, the start and the end of dense polling
         * (0 ≤ first ≤ from ≤ until).
         */
        public Builder phases(double firstPollAt, double denseFrom, double denseUntil) {
            if (!(0 <= firstPollAt && firstPollAt <= denseFrom && denseFrom <= denseUntil)) {
                throw new IllegalArgumentException("Need 0 <= firstPollAt <= denseFrom <= denseUntil");
            }
            this.firstPollAt = firstPollAt;
            this.denseFrom = denseFrom;
            this.denseUntil = denseUntil;
            return this;
        }

        /** The interval of dense polling (and the shortest interval of all). */
        public Builder denseInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("denseInterval must be positive");
            }
            this.denseInterval = interval;
            return this;
        }

        /** The longest interval after the first poll. */
        public Builder maxInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("maxInterval must be positive");
            }
            this.maxInterval = interval;
            return this;
        }

        /** The sparse step as a fraction of the expected time (default 0.15). */
        public Builder sparseStep(double fraction) {
            if (fraction <= 0) {
                throw new IllegalArgumentException("sparseStep must be positive");
            }
            this.sparseStep = fraction;
            return this;
        }

        /** How fast the interval grows with the overrun after dense polling (default 0.1). */
        public Builder overrunGrowth(double growth) {
            if (growth < 0) {
                throw new IllegalArgumentException("overrunGrowth must not be negative");
            }
            this.overrunGrowth = growth;
            return this;
        }

        public PollingPolicy build() {
            if (maxInterval.compareTo(denseInterval) < 0) {
                maxInterval = denseInterval;
            }
            return new PollingPolicy(this);
        }
    }
}
