package io.jenkins.plugins.happyhorse.bench.measure;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Reads the heap that is really retained: it forces full collections first, so that garbage
 * not yet collected does not count. Used at a plateau (all renders waiting) and around file
 * transfers.
 */
public final class HeapProbe {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {}

    /** Used heap in bytes after two forced full collections. */
    @SuppressFBWarnings(value = "DM_GC", justification = "measuring retained heap is what a benchmark does")
    public static long usedAfterGc() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Used heap in bytes now, garbage included. */
    public static long usedNow() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
