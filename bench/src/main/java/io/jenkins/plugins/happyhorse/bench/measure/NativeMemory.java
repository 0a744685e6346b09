package io.jenkins.plugins.happyhorse.bench.measure;

import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Native memory committed for thread stacks, read from the JVM's Native Memory Tracking (the
 * {@code Thread} line of {@code jcmd VM.native_memory summary}). A waiting thread costs its stack
 * here, not on the heap, so this is the thread-per-render baseline's main cost per render. Needs
 * {@code -XX:NativeMemoryTracking=summary}; without it every reading is -1.
 */
public final class NativeMemory {
    private static final Pattern THREAD = Pattern.compile("-\\s+Thread \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    private NativeMemory() {}

    /** Bytes committed for thread stacks now, or -1 when tracking is off. */
    public static long threadStacksCommitted() {
        try {
            Object summary = ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "vmNativeMemory",
                            new Object[] {new String[] {"summary"}},
                            new String[] {String[].class.getName()});
            return parseThreadCommitted(String.valueOf(summary));
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }

    /** The committed bytes of the {@code Thread} line of a summary, or -1 when there is none. */
    static long parseThreadCommitted(String summary) {
        Matcher m = THREAD.matcher(summary);
        return m.find() ? Long.parseLong(m.group(2)) * 1024 : -1;
    }
}
