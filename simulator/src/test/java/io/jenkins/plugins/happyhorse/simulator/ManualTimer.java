package io.jenkins.plugins.happyhorse.simulator;

import io.jenkins.plugins.happyhorse.simulator.time.ManualClock;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatorTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A timer on a {@link ManualClock}: tasks run, in order of their due instants, only when the test
 * {@linkplain #advance advances} the clock past them, on the test's thread.
 */
final class ManualTimer implements SimulatorTimer {
    private final ManualClock clock;
    private final List<Entry> pending = new ArrayList<>();
    private long sequence;

    private record Entry(Instant due, long sequence, Runnable task) {}

    ManualTimer(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Runnable schedule(Runnable task, Duration delay) {
        Entry entry = new Entry(clock.instant().plus(delay), sequence++, task);
        pending.add(entry);
        return () -> {
            synchronized (this) {
                pending.remove(entry);
            }
        };
    }

    /** Moves the clock forward by {@code step}, running every task due on the way at its instant. */
    void advance(Duration step) {
        Instant target = clock.instant().plus(step);
        while (true) {
            Entry next;
            synchronized (this) {
                next = pending.stream()
                        .filter(e -> !e.due().isAfter(target))
                        .min(Comparator.comparing(Entry::due).thenComparingLong(Entry::sequence))
                        .orElse(null);
                if (next != null) {
                    pending.remove(next);
                }
            }
            if (next == null) {
                break;
            }
            if (next.due().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next.due()));
            }
            next.task().run();
        }
        if (target.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), target));
        }
    }

    synchronized int pending() {
        return pending.size();
    }
}
