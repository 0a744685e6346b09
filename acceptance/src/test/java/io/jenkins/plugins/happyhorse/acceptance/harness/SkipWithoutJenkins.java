package io.jenkins.plugins.happyhorse.acceptance.harness;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Leaves every scenario out of the test plan when the Jenkins variables are not set, and says
 * so in one line (instead of one skipped test per scenario). The suite's own unit tests (its MP4
 * reader, for example) still run. Registered as a service, so it applies to this module only.
 */
public final class SkipWithoutJenkins implements PostDiscoveryFilter {
    private static final AtomicBoolean SAID = new AtomicBoolean();
    private static final AtomicInteger LEFT_OUT = new AtomicInteger();

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (AcceptanceEnvironment.configured() || !Scenarios.isScenario(descriptor.getSource())) {
            return FilterResult.included("the Jenkins variables are set, or not a scenario");
        }
        if (SAID.compareAndSet(false, true)) {
            System.out.println(AcceptanceEnvironment.skipLine());
            System.out.flush();
        }
        if (descriptor.isTest()) {
            LEFT_OUT.incrementAndGet();
        }
        return FilterResult.excluded(AcceptanceEnvironment.skipLine());
    }

    /** How many scenarios were left out in this JVM. */
    static int leftOut() {
        return LEFT_OUT.get();
    }
}
