package io.jenkins.plugins.happyhorse.simulator.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real-time source that only moves when told to, for deterministic tests: pass it to
 * {@code Simulator.builder().clock(...)} and {@link #advance} it instead of waiting.
 * Thread-safe.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Moves the clock forward by {@code step} (which must not be negative). */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + step);
        }
        now.updateAndGet(t -> t.plus(step));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // The view shares this clock's instant, so advancing either moves both.
        return new ManualClock(now, zone);
    }
}
