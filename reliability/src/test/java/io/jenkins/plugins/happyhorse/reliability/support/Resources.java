package io.jenkins.plugins.happyhorse.reliability.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a render may leave behind in this process: live threads (by name), open file
 * descriptors ({@code /proc/self/fd}) and this process's TCP connections to given ports ({@code
 * /proc/net/tcp}, matched to the process by socket inode, so other programs on the machine that
 * happen to use the same port numbers later are not counted). Linux only; elsewhere the
 * descriptor and connection figures read -1 and the checks that need them are skipped by the
 * caller.
 *
 * <p>Threads the JVM starts lazily and keeps for good (the attach listener, the common
 * fork-join pool, the reference cleaner, the process reaper) and the engine's process-wide
 * scheduler pools ({@code happyhorse-scaled-*} and {@code happyhorse-engine-*}, two threads
 * each by design, and the tests' {@code happyhorse-stepped-1}) are not leaks: {@link
 * #isLongLived(String)} names them, and callers check them against a bound instead of an exact
 * count.
 */
public final class Resources {
    private static final Pattern LONG_LIVED = Pattern.compile("Attach Listener|Common-Cleaner|process reaper"
            + "|Signal Dispatcher|Notification Thread|ForkJoinPool\\.commonPool-worker-\\d+|surefire-forkedjvm-.*"
            + "|happyhorse-scaled-\\d+|happyhorse-engine-\\d+|happyhorse-stepped-\\d+|JFR .*|C[12] CompilerThread\\d+|Sweeper thread"
            + "|Reference Handler|Finalizer|main|Keep-Alive-Timer|Keep-Alive-SocketCleaner|Java2D Disposer"
            + "|junit-jupiter-timeout-watcher"
            // The JDK HTTP client of the tests' own probes (not the engine's): a static client whose
            // selector lives on and whose idle workers retire after a minute.
            + "|HttpClient-\\d+-SelectorManager|HttpClient-\\d+-Worker-\\d+");

    /**
     * How long a check waits for a figure to settle (threads ending, sockets closing, a file
     * going) before it fails: a bound for a busy machine that a passing check never waits out.
     */
    public static final long SETTLE_MILLIS = 20_000;

    /** The most threads each process-wide engine scheduler pool may have. */
    public static final int SHARED_SCHEDULER_THREADS = 2;

    private static final Path FD_DIR = Path.of("/proc/self/fd");

    private Resources() {}

    /** Whether a thread of this name is one the JVM or the engine keeps for the life of the process. */
    public static boolean isLongLived(String threadName) {
        return LONG_LIVED.matcher(threadName).matches();
    }

    /** Names of the live threads. */
    public static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** Live threads whose names start with {@code prefix}. */
    public static long threadsNamed(String prefix) {
        return threadNames().stream().filter(n -> n.startsWith(prefix)).count();
    }

    /** Threads alive now that were not in {@code before} and are not long-lived by design. */
    public static Set<String> newThreads(Set<String> before) {
        Set<String> extra = new TreeSet<>(threadNames());
        extra.removeAll(before);
        extra.removeIf(Resources::isLongLived);
        return extra;
    }

    /** Open file descriptors of this process, or -1 where {@code /proc} is missing. */
    public static int openFileDescriptors() {
        if (!Files.isDirectory(FD_DIR)) {
            return -1;
        }
        try (Stream<Path> fds = Files.list(FD_DIR)) {
            // The listing itself holds one descriptor while it runs.
            return (int) fds.count() - 1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether descriptor and connection figures can be read here. */
    public static boolean procAvailable() {
        return Files.isDirectory(FD_DIR) && Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /**
     * This process's open TCP connections (ESTABLISHED or CLOSE_WAIT, i.e. sockets it still holds)
     * on either side of which is one of {@code ports}, as {@code "local->remote state"} lines.
     */
    public static List<String> openConnections(Collection<Integer> ports) {
        Set<String> ours = socketInodes();
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || !ours.contains(f[9])) {
                    continue;
                }
                int localPort = port(f[1]);
                int remotePort = port(f[2]);
                String state = f[3].toUpperCase(Locale.ROOT);
                boolean held = state.equals("01") || state.equals("08");
                if (held && (ports.contains(localPort) || ports.contains(remotePort))) {
                    out.add(f[1] + "->" + f[2] + " " + (state.equals("01") ? "ESTABLISHED" : "CLOSE_WAIT"));
                }
            }
        }
        return out;
    }

    /** The inodes of the sockets among this process's open descriptors. */
    private static Set<String> socketInodes() {
        Set<String> inodes = new TreeSet<>();
        try (Stream<Path> fds = Files.list(FD_DIR)) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // Closed meanwhile (the listing's own descriptor, say): not a socket we hold.
                }
            }
        } catch (IOException e) {
            // No descriptor table to read: no connection can be attributed to this process.
        }
        return inodes;
    }

    private static int port(String hexAddress) {
        int colon = hexAddress.lastIndexOf(':');
        return colon < 0 ? -1 : Integer.parseInt(hexAddress.substring(colon + 1), 16);
    }

    /**
     * Waits (bounded, polling every 20 ms) until {@code condition} holds; returns whether it did.
     * Closing a server or a client finishes its threads and sockets asynchronously.
     */
    public static boolean awaitTrue(BooleanSupplier condition, long timeoutMillis) {
        long end = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
    }
}
