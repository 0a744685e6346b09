package io.jenkins.plugins.happyhorse.acceptance.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Bounded polling of a condition: the only way the suite waits. Each wait names what it waits
 * for and gives up after a generous bound with that name and the last thing it saw, so a slow
 * machine makes the suite slower, not flaky.
 */
public final class Waits {
    /** Between two looks; short, since every look is cheap. */
    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Waits() {}

    /** A value that is not there yet; {@code seen} says what was there instead. */
    public record Poll<T>(Optional<T> value, String seen) {
        public static <T> Poll<T> done(T value) {
            return new Poll<>(Optional.of(value), "");
        }

        public static <T> Poll<T> notYet(String seen) {
            return new Poll<>(Optional.empty(), seen);
        }
    }

    /**
     * Polls {@code look} until it gives a value, for at most {@code bound}.
     *
     * @throws AssertionError naming {@code what} and the last thing seen when the bound passes
     */
    public static <T> T until(String what, Duration bound, Callable<Poll<T>> look) {
        long deadline = System.nanoTime() + bound.toNanos();
        String seen = "nothing yet";
        Exception lastError = null;
        while (true) {
            try {
                Poll<T> poll = look.call();
                if (poll.value().isPresent()) {
                    return poll.value().get();
                }
                seen = poll.seen();
                lastError = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastError = e;
                seen = e.toString();
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError error = new AssertionError(
                        "Gave up after " + bound.toSeconds() + " s waiting for " + what + "; last seen: " + seen);
                if (lastError != null) {
                    error.initCause(lastError);
                }
                throw error;
            }
            pause();
        }
    }

    /** Polls {@code condition} until it holds, for at most {@code bound}. */
    public static void untilTrue(String what, Duration bound, Condition condition) {
        until(what, bound, () -> condition.holds() ? Poll.done(Boolean.TRUE) : Poll.<Boolean>notYet(condition.seen()));
    }

    /** A condition and what to report while it does not hold. */
    public interface Condition {
        boolean holds() throws Exception;

        default String seen() {
            return "the condition did not hold";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}
