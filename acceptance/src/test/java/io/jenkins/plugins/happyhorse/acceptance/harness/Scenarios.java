package io.jenkins.plugins.happyhorse.acceptance.harness;

import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** Tells the scenarios (which need Jenkins) from the suite's own unit tests (which do not). */
final class Scenarios {
    static final String PACKAGE = "io.jenkins.plugins.happyhorse.acceptance.scenarios.";

    private Scenarios() {}

    static boolean isScenario(Optional<TestSource> source) {
        return source.map(s -> {
                    if (s instanceof MethodSource method) {
                        return method.getClassName().startsWith(PACKAGE);
                    }
                    if (s instanceof ClassSource type) {
                        return type.getClassName().startsWith(PACKAGE);
                    }
                    return false;
                })
                .orElse(false);
    }
}
