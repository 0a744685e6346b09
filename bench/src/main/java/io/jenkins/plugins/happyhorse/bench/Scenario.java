package io.jenkins.plugins.happyhorse.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One benchmark scenario: it runs the engine and its baseline and reports figures and targets. */
public interface Scenario {

    /** The name on the command line, e.g. {@code polling}. */
    String name();

    /** What it measures, in one line. */
    String title();

    /** Options its JVM needs on top of the parent's (e.g. native memory tracking). */
    default java.util.List<String> jvmOptions() {
        return java.util.List.of();
    }

    /**
     * Runs it. The result holds {@code title}, {@code settings}, {@code runs} (one per client
     * run), {@code summary} and {@code targets}.
     */
    ObjectNode run(Context context) throws Exception;
}
