package io.jenkins.plugins.happyhorse.acceptance.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starting and ending the processes the suite runs (Jenkins, the simulator, the command line,
 * ChromeDriver), none of which may outlive it.
 */
public final class JavaProcesses {
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    static {
        // Should the suite's JVM end early (a timeout, Ctrl-C), it takes its controllers,
        // simulators and browsers with it rather than leaving them running.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> STARTED.stream().filter(Process::isAlive).forEach(p -> {
                            p.descendants().forEach(ProcessHandle::destroyForcibly);
                            p.destroyForcibly();
                        }),
                        "acceptance-process-reaper"));
    }

    private JavaProcesses() {}

    /** Starts {@code builder}'s process and remembers it, so that it never outlives the suite. */
    public static Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        STARTED.add(process);
        return process;
    }

    /** The {@code java} of the JVM running the suite, so every process runs on the same Java. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Ends {@code process} with SIGTERM, then SIGKILL if it is still there after {@code grace}. */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The text of {@code file}, or "" when it is not there yet. */
    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of {@code file}, for failure messages. */
    public static String tail(Path file, int lines) {
        String text = read(file);
        String[] all = text.split("\n");
        int from = Math.max(0, all.length - lines);
        StringBuilder out = new StringBuilder();
        for (int i = from; i < all.length; i++) {
            out.append(all[i]).append('\n');
        }
        return out.toString();
    }
}
