package io.jenkins.plugins.happyhorse.bench.measure;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Live instances of a class, from the JVM's class histogram ({@code jcmd GC.class_histogram},
 * which collects garbage first). Used to count the simulator's open server connections.
 */
public final class ClassHistogram {
    private ClassHistogram() {}

    /** Live instances of the class with this binary name, or -1 when the histogram cannot be read. */
    public static long instances(String className) {
        try {
            Object histogram = ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
            return parseInstances(String.valueOf(histogram), className);
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }

    /** The instance count of {@code className} in a histogram's text; 0 when it is not listed. */
    static long parseInstances(String histogram, String className) {
        for (String line : histogram.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            // " 12:   400   38400  sun.net.httpserver.HttpConnection (java.net.http@17)"
            if (parts.length >= 4 && parts[0].endsWith(":") && parts[3].equals(className)) {
                return Long.parseLong(parts[1]);
            }
        }
        return 0;
    }
}
