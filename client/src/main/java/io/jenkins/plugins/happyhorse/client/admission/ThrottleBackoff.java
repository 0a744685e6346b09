package io.jenkins.plugins.happyhorse.client.admission;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How long a render waits before submitting again after the host refused its submit with 429:
 * exactly the host's {@code Retry-After} when it sent one, else an exponential backoff with equal
 * jitter (half the ceiling plus a random share of the other half, so that renders refused together
 * do not come back together and none comes back at once). A refused submit created no job and
 * cost nothing, so it is safe to send again; the render's deadline still bounds the waiting.
 */
public final class ThrottleBackoff {
    private final Duration base;
    private final Duration max;
    private final Random random;

    /**
     * @param base the ceiling after the first refusal
     * @param max the largest ceiling
     * @param random the jitter's source; seed it for reproducible tests
     */
    public ThrottleBackoff(Duration base, Duration max, Random random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException(
                    "throttle backoff: base must be positive and max at least base, was " + base + " and " + max);
        }
        this.base = base;
        this.max = max;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** 10 s after the first refusal, doubling to 60 s (a host's 429 clears within a minute). */
    public static ThrottleBackoff defaults() {
        return new ThrottleBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60), new Random());
    }

    /** The defaults with a seeded jitter. */
    public static ThrottleBackoff seeded(long seed) {
        return new ThrottleBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60), new Random(seed));
    }

    /**
     * The wait before the next submit.
     *
     * @param refusals refusals of this render so far, from 1
     * @param retryAfter the host's {@code Retry-After}, or null
     */
    public Duration delay(int refusals, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter;
        }
        int shift = Math.min(20, Math.max(0, refusals - 1));
        long ceiling = Math.min(max.toMillis(), base.toMillis() << shift);
        double share;
        synchronized (random) {
            share = random.nextDouble();
        }
        long half = ceiling / 2;
        // Full jitter over the upper half: never less than half the ceiling, so a refusal always waits.
        return Duration.ofMillis(half + (long) (share * half));
    }

    @Override
    public String toString() {
        return "ThrottleBackoff{base=" + base + ", max=" + max + "}";
    }
}
