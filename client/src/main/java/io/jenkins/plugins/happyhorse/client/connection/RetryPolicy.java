package io.jenkins.plugins.happyhorse.client.connection;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;

/**
 * How idempotent calls (polls, history, downloads, uploads) are repeated after a 429, a 5xx or a
 * connection error: at most {@code maxAttempts} attempts, waiting a capped exponential backoff with
 * full jitter (a uniformly random delay between zero and {@code min(maxDelay, baseDelay ×
 * 2^(retry-1))}), or exactly what the host's {@code Retry-After} asks. The random source can be
 * seeded for reproducible tests. A submit is never repeated, whatever this policy says.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Random random;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.maxDelay = b.maxDelay;
        this.random = b.random;
    }

    /** Six attempts, backoff from 1 s capped at 30 s. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The delay before retry number {@code retry} (1 for the first retry), with full jitter. */
    public Duration backoff(int retry) {
        long ceiling = ceilingMillis(retry);
        long millis;
        synchronized (random) {
            millis = (long) (random.nextDouble() * (ceiling + 1));
        }
        return Duration.ofMillis(Math.min(ceiling, millis));
    }

    /** The largest delay {@link #backoff(int)} can return for {@code retry}. */
    public long ceilingMillis(int retry) {
        int shift = Math.min(30, Math.max(0, retry - 1));
        long exp = baseDelay.toMillis() << shift;
        if (exp < 0 || exp > maxDelay.toMillis()) {
            exp = maxDelay.toMillis();
        }
        return exp;
    }

    /**
     * Parses a {@code Retry-After} value: delay seconds, or an HTTP date (taken relative to {@code
     * now}, the sender's clock when its {@code Date} header is known). Empty when absent or
     * unreadable; never negative.
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException e) {
            // Not delay-seconds: try an HTTP date below.
        }
        try {
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy{attempts=" + maxAttempts + ", base=" + baseDelay + ", max=" + maxDelay + "}";
    }

    /** Changes the defaults. */
    public static final class Builder {
        private int maxAttempts = 6;
        private Duration baseDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofSeconds(30);
        private Random random = new Random();

        private Builder() {}

        /** Attempts in all, at least 1. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        public Builder baseDelay(Duration delay) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("baseDelay must be positive, was " + delay);
            }
            this.baseDelay = delay;
            return this;
        }

        public Builder maxDelay(Duration delay) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("maxDelay must be positive, was " + delay);
            }
            this.maxDelay = delay;
            return this;
        }

        /** The random source of the jitter; pass a seeded one for reproducible tests. */
        public Builder random(Random random) {
            this.random = java.util.Objects.requireNonNull(random, "random");
            return this;
        }

        public RetryPolicy build() {
            if (maxDelay.compareTo(baseDelay) < 0) {
                maxDelay = baseDelay;
            }
            return new RetryPolicy(this);
        }
    }
}
