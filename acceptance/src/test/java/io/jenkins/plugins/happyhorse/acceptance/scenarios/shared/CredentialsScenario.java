package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.CredentialsStore;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import org.junit.jupiter.api.Test;

/**
 * Scenario 11: a credential that does not exist, one of the wrong kind, and a key the host
 * refuses: each a clear failure naming the credential, nothing charged, no key in the log.
 */
public abstract class CredentialsScenario {
    public static final String MARKER = "[s11]";
    /** A Secret text the simulator refuses; a secret too, that must not leak either. */
    public static final String REFUSED_KEY = "hh-acceptance-refused-" + Long.toHexString(System.nanoTime());

    protected abstract Testbed bed();

    @Test
    void missingWrongKindAndRefusedCredentialsFailClearlyWithoutCharge() {
        Testbed bed = bed();
        CredentialsStore store = new CredentialsStore(bed.jenkins().scriptConsole());
        store.putUsernamePassword("s11-username-password", "not a Secret text", "someone", "hh-acceptance-password");
        store.putSecretText("s11-refused-key", "a key the host refuses", REFUSED_KEY);
        long refusedBefore = bed.simulator().counters().authenticationFailures();

        Build missing = render(bed, "s11-missing-credentials", "s11-no-such-credential");
        Build wrongKind = render(bed, "s11-wrong-kind", "s11-username-password");
        Build refused = render(bed, "s11-refused-key", "s11-refused-key");

        String missingLog = failed(missing);
        assertThat(missingLog).contains("No credentials with the id 's11-no-such-credential'");
        String wrongKindLog = failed(wrongKind);
        assertThat(wrongKindLog).contains("'s11-username-password'").contains("Secret text");
        assertThat(wrongKindLog).doesNotContain("hh-acceptance-password");
        String refusedLog = failed(refused);
        assertThat(refusedLog).contains("'s11-refused-key'").containsIgnoringCase("refused");
        assertThat(refusedLog).doesNotContain(REFUSED_KEY).doesNotContain(bed.apiKey());

        SimulatorCounters counters = bed.simulator().counters();
        ClipChecks.assertNothingCharged(counters, MARKER);
        assertThat(counters.authenticationFailures() - refusedBefore)
                .as("requests the simulator refused for the wrong key")
                .isPositive();
    }

    private static Build render(Testbed bed, String job, String credentialsId) {
        String call = RenderCall.prompt(MARKER + " credentials " + credentialsId)
                .images("https://images.example.invalid/key.png")
                .with("credentialsId", credentialsId)
                .groovy();
        return PipelineJob.create(bed.admin(), job, call).scheduleBuild();
    }

    private static String failed(Build build) {
        String result = build.awaitResult(Bounds.QUICK);
        String log = build.console();
        assertThat(result).as("result of %s; log:\n%s", build, log).isEqualTo("FAILURE");
        assertThat(log).as("a clear failure, without a stack trace").doesNotContain("\tat ");
        assertThat(log).doesNotContain("Submitted as");
        return log;
    }
}
