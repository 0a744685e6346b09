package io.jenkins.plugins.happyhorse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on: processors, memory, JVM and the load when the run began. */
final class Machine {
    private Machine() {}

    static ObjectNode describe(ObjectMapper json) {
        ObjectNode m = json.createObjectNode();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        m.put("processors", Runtime.getRuntime().availableProcessors());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            m.put("memoryBytes", sun.getTotalMemorySize());
        }
        m.put("cpu", cpuModel());
        m.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        m.put("loadAverageAtStart", os.getSystemLoadAverage());
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        return "unknown";
    }
}
