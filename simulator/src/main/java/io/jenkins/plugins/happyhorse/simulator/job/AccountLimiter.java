package io.jenkins.plugins.happyhorse.simulator.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Applies one host account's {@link AccountLevel} to its submits, in simulated time: a submit is
 * refused while the account has as many unfinished jobs as it may, or has had as many submits
 * accepted in the last 60 s. A refusal says how long until it would pass (when the oldest
 * unfinished job ends, or the oldest submit leaves the minute, whichever is later). Refused
 * submits do not count. Not thread-safe: the backend holds its lock across the check and the
 * job's creation.
 */
final class AccountLimiter {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final AccountLevel level;
    private final Deque<Instant> accepted = new ArrayDeque<>();

    AccountLimiter(AccountLevel level) {
        this.level = level;
    }

    /** Why a submit at {@code now} is refused, or empty when it may go ahead. */
    Optional<Refusal> check(Instant now, List<Job> jobs) {
        if (!level.limited()) {
            return Optional.empty();
        }
        while (!accepted.isEmpty() && !accepted.peekFirst().plus(MINUTE).isAfter(now)) {
            accepted.pollFirst();
        }
        if (level.concurrentJobs() > 0) {
            Instant firstEnd = null;
            int running = 0;
            for (Job job : jobs) {
                if (!job.state(now).terminal()) {
                    running++;
                    Instant end = job.completesAtSimulated();
                    firstEnd = firstEnd == null || end.isBefore(firstEnd) ? end : firstEnd;
                }
            }
            if (running >= level.concurrentJobs()) {
                return Optional.of(new Refusal(
                        "Too many requests: this account's level allows " + level.concurrentJobs()
                                + " concurrent jobs and " + running + " are running; retry when one has finished",
                        until(now, firstEnd)));
            }
        }
        if (level.videosPerMinute() > 0 && accepted.size() >= level.videosPerMinute()) {
            return Optional.of(new Refusal(
                    "Too many requests: this account's level allows " + level.videosPerMinute()
                            + " videos per minute; retry in a moment",
                    until(now, accepted.peekFirst().plus(MINUTE))));
        }
        return Optional.empty();
    }

    /** A submit at {@code now} was accepted. */
    void accepted(Instant now) {
        if (level.videosPerMinute() > 0) {
            accepted.addLast(now);
        }
    }

    private static Duration until(Instant now, Instant then) {
        if (then == null || !then.isAfter(now)) {
            return Duration.ofSeconds(1);
        }
        // A host says whole seconds; never less than one, never more than the minute a 429 clears in.
        long seconds = Math.max(1, Math.min(60, (Duration.between(now, then).toMillis() + 999) / 1000));
        return Duration.ofSeconds(seconds);
    }

    /**
     * A refused submit.
     *
     * @param message the host's words
     * @param retryAfter when it would pass
     */
    record Refusal(String message, Duration retryAfter) {}
}
