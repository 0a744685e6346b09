package io.jenkins.plugins.happyhorse.client.reuse;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a render store keeps of its own copies: at most {@code maxBytes} in all, none unused for
 * longer than {@code maxAge}; beyond that the least recently used copies go first. Records stay
 * (their source may still be there); only the copies are deleted.
 *
 * @param maxBytes the most bytes of copies, zero or more
 * @param maxAge the longest a copy is kept without being used
 */
public record StoreLimits(long maxBytes, Duration maxAge) {
    public StoreLimits {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxBytes < 0) {
            throw new IllegalArgumentException(
                    "maxBytes: " + maxBytes + " is not allowed; allowed: zero or more bytes");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge: " + maxAge + " is not allowed; allowed: zero or more");
        }
    }

    /** 10 GiB, 30 days. */
    public static StoreLimits defaults() {
        return new StoreLimits(10L * 1024 * 1024 * 1024, Duration.ofDays(30));
    }
}
