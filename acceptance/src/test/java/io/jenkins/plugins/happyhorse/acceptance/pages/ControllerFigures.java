package io.jenkins.plugins.happyhorse.acceptance.pages;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The controller's JVM as seen from its script console: live threads (and their names, grouped
 * with the numbers taken out) and the heap in use right after a full collection.
 */
public final class ControllerFigures {
    private ControllerFigures() {}

    /** One reading. */
    public record Reading(long liveThreads, long heapAfterGcBytes, Map<String, Integer> threadGroups) {}

    /** Reads the figures now (this runs a full garbage collection in the controller). */
    public static Reading read(ScriptConsole console) {
        String output = console.run(
                """
                import java.lang.management.ManagementFactory

                def memory = ManagementFactory.memoryMXBean
                memory.gc()
                memory.gc()
                def heap = memory.heapMemoryUsage.used
                def threads = ManagementFactory.threadMXBean.threadCount
                println "threads=" + threads
                println "heap=" + heap
                Thread.allStackTraces.keySet().collect { it.name.replaceAll('[0-9]+', 'N') }
                    .countBy { it }.each { name, count -> println "group=" + count + "=" + name }
                """);
        long threads = 0;
        long heap = 0;
        Map<String, Integer> groups = new TreeMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("threads=")) {
                threads = Long.parseLong(line.substring("threads=".length()).trim());
            } else if (line.startsWith("heap=")) {
                heap = Long.parseLong(line.substring("heap=".length()).trim());
            } else if (line.startsWith("group=")) {
                String rest = line.substring("group=".length());
                int equals = rest.indexOf('=');
                groups.put(rest.substring(equals + 1), Integer.parseInt(rest.substring(0, equals)));
            }
        }
        return new Reading(threads, heap, groups);
    }

    /** The thread groups with more threads in {@code after} than in {@code before}, with the growth. */
    public static String grown(Reading before, Reading after) {
        String grown = after.threadGroups().entrySet().stream()
                .filter(e -> e.getValue() > before.threadGroups().getOrDefault(e.getKey(), 0))
                .map(e -> e.getKey() + " +"
                        + (e.getValue() - before.threadGroups().getOrDefault(e.getKey(), 0)))
                .collect(Collectors.joining(", "));
        return grown.isEmpty() ? "none" : grown;
    }
}
