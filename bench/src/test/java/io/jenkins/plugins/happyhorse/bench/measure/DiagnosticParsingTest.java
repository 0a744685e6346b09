package io.jenkins.plugins.happyhorse.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiagnosticParsingTest {

    @Test
    void readsTheCommittedThreadStacksOfANativeMemorySummary() {
        String summary = String.join(
                "\n",
                "Native Memory Tracking:",
                "Total: reserved=9773059KB, committed=537215KB",
                "-                 Java Heap (reserved=8388608KB, committed=401408KB)",
                "-                    Thread (reserved=1031247KB, committed=118123KB)",
                "                            (thread #1004)");

        assertThat(NativeMemory.parseThreadCommitted(summary)).isEqualTo(118123L * 1024);
        assertThat(NativeMemory.parseThreadCommitted("Native memory tracking is not enabled"))
                .isEqualTo(-1);
    }

    @Test
    void readsTheInstanceCountOfOneClassFromAHistogram() {
        String histogram = String.join(
                "\n",
                " num     #instances         #bytes  class name (module)",
                "-------------------------------------------------------",
                "   1:         11573       18768968  [B (java.base@17.0.15)",
                "  12:           400          38400  sun.net.httpserver.HttpConnection (jdk.httpserver@17.0.15)",
                "Total        100000      123456789");

        assertThat(ClassHistogram.parseInstances(histogram, "sun.net.httpserver.HttpConnection"))
                .isEqualTo(400);
        assertThat(ClassHistogram.parseInstances(histogram, "java.lang.Missing"))
                .isZero();
    }
}
