package io.jenkins.plugins.happyhorse.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The process's threads and file descriptors before a test's engine and simulator start, to
 * check after both are closed that nothing outlived them: no new thread (apart from the
 * long-lived ones {@link Resources#isLongLived} names, which are bounded instead), no more
 * descriptors than before plus {@code fdTolerance}, and no open TCP connection of this process
 * on the simulator's ports. Closing finishes threads and sockets asynchronously, so each check
 * waits for its condition to hold, polling, and fails only when it still does not after {@value
 * Resources#SETTLE_MILLIS} ms: a bound for a busy machine that a passing check never waits out.
 *
 * @param threads thread names before
 * @param fds open descriptors before, -1 where unknown
 */
public record Baseline(Set<String> threads, int fds) {
    public static Baseline take() {
        return new Baseline(Resources.threadNames(), Resources.openFileDescriptors());
    }

    /** What is left over, as sentences; empty when nothing is. */
    public List<String> leftovers(Collection<Integer> ports, int fdTolerance) {
        List<String> out = new java.util.ArrayList<>();
        if (!Resources.awaitTrue(() -> Resources.newThreads(threads).isEmpty(), Resources.SETTLE_MILLIS)) {
            out.add("threads " + Resources.newThreads(threads));
        }
        for (String pool : List.of("happyhorse-scaled-", "happyhorse-engine-", "happyhorse-stepped-")) {
            long n = Resources.threadsNamed(pool);
            if (n > Resources.SHARED_SCHEDULER_THREADS) {
                out.add(n + " threads in the shared pool " + pool + "*");
            }
        }
        if (Resources.procAvailable()) {
            if (!Resources.awaitTrue(() -> Resources.openConnections(ports).isEmpty(), Resources.SETTLE_MILLIS)) {
                out.add("connections " + Resources.openConnections(ports));
            }
            if (fds >= 0
                    && !Resources.awaitTrue(
                            () -> Resources.openFileDescriptors() <= fds + fdTolerance, Resources.SETTLE_MILLIS)) {
                out.add("file descriptors " + fds + " -> " + Resources.openFileDescriptors());
            }
        }
        return out;
    }

    /** Asserts that nothing is left over. */
    public void assertNothingLeft(Collection<Integer> ports, int fdTolerance) {
        assertThat(leftovers(ports, fdTolerance)).as("left over after close").isEmpty();
    }
}
