package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A per-account request limit over a sliding second of simulated time, so tests that step a
 * manual clock see the same refusals on every run. Thread-safe.
 *
 * <p>Refused requests do not count against the limit. The refusal names
 * {@code Throttling.BurstRate} when the rate jumped (the second before held less than half the
 * limit) and {@code Throttling.RateQuota} when it was already high [guess: the host publishes
 * both codes but not the rule that picks one].
 */
final class QueryLimiter {
    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final int perSecond;
    private final Deque<Instant> admitted = new ArrayDeque<>();

    /** @param perSecond requests admitted per simulated second; 0 admits everything */
    QueryLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Admits a request at simulated instant {@code now}, or names the throttling code to answer. */
    synchronized Optional<String> admit(Instant now) {
        if (perSecond <= 0) {
            return Optional.empty();
        }
        Instant windowStart = now.minus(WINDOW);
        Instant previousStart = windowStart.minus(WINDOW);
        while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(previousStart)) {
            admitted.pollFirst();
        }
        int inWindow = 0;
        int inPrevious = 0;
        for (Instant at : admitted) {
            if (at.isAfter(windowStart)) {
                inWindow++;
            } else {
                inPrevious++;
            }
        }
        if (inWindow >= perSecond) {
            return Optional.of(inPrevious * 2 < perSecond ? ModelStudioStyle.BURST_RATE : ModelStudioStyle.RATE_QUOTA);
        }
        admitted.addLast(now);
        return Optional.empty();
    }
}
