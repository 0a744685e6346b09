package io.jenkins.plugins.happyhorse.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Set;

/**
 * Counts the live threads of this JVM by owner. The simulator runs in the same process as the
 * client under test, so its threads are recognised by name and counted apart: its own pool and
 * timer ({@code happyhorse-sim-*}), the JDK HTTP server's dispatcher and timers, and the Java2D
 * disposer that its drawing of video frames starts. The harness's
 * own threads ({@code main} and {@code bench-*}) are counted apart too. Every other thread belongs
 * to the client under test (the engine or the baseline), including threads nobody expected.
 */
public final class ThreadCensus {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The JDK HTTP server's threads, and AWT's disposer, which the simulator's picture drawing starts. */
    private static final Set<String> SIMULATOR_JDK_THREADS =
            Set.of("HTTP-Dispatcher", "server-timer", "idle-timeout-task", "Java2D Disposer");

    private ThreadCensus() {}

    /** Who a thread works for. */
    public enum Owner {
        /** The engine or the baseline under test, and anything not recognised. */
        CLIENT,
        /** The in-process simulator (its pool, its timer, the JDK HTTP server threads). */
        SIMULATOR,
        /** The benchmark itself. */
        HARNESS
    }

    /**
     * A census at one instant.
     *
     * @param client threads of the client under test
     * @param simulator threads of the simulator
     * @param harness threads of the benchmark
     */
    public record Count(int client, int simulator, int harness) {
        public int total() {
            return client + simulator + harness;
        }
    }

    /** The owner of a thread with this name. */
    public static Owner ownerOf(String name) {
        if (name.startsWith("happyhorse-sim-") || SIMULATOR_JDK_THREADS.contains(name)) {
            return Owner.SIMULATOR;
        }
        if (name.equals("main") || name.startsWith("bench-")) {
            return Owner.HARNESS;
        }
        return Owner.CLIENT;
    }

    /**
     * The client-side threads alive now, grouped by name with the trailing number dropped
     * ({@code httpclient-dispatch-1} and {@code -2} count as {@code httpclient-dispatch-#}).
     */
    public static java.util.SortedMap<String, Integer> clientThreadGroups() {
        java.util.SortedMap<String, Integer> groups = new java.util.TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && ownerOf(info.getThreadName()) == Owner.CLIENT) {
                groups.merge(info.getThreadName().replaceAll("\\d+$", "#"), 1, Integer::sum);
            }
        }
        return groups;
    }

    /** Counts the live threads now. */
    public static Count take() {
        ThreadInfo[] infos = THREADS.getThreadInfo(THREADS.getAllThreadIds());
        int client = 0;
        int simulator = 0;
        int harness = 0;
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue; // ended between the two calls
            }
            switch (ownerOf(info.getThreadName())) {
                case SIMULATOR -> simulator++;
                case HARNESS -> harness++;
                default -> client++;
            }
        }
        return new Count(client, simulator, harness);
    }
}
