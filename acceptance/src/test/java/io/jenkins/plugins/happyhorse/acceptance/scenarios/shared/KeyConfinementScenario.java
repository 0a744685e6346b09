package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.harness.FileTrees;
import io.jenkins.plugins.happyhorse.acceptance.harness.JavaProcesses;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 12: after all of a controller's builds, its API keys appear nowhere under
 * {@code JENKINS_HOME} (Jenkins keeps credentials encrypted; no log, build record or state file
 * may hold them in clear), nor in the controller's own output, nor at the media origin.
 */
public abstract class KeyConfinementScenario {
    protected abstract Testbed bed();

    /** Other secrets the scenarios of this controller used. */
    protected List<String> otherSecrets() {
        return List.of(CredentialsScenario.REFUSED_KEY);
    }

    @Test
    void theKeyAppearsNowhereUnderJenkinsHome() throws IOException {
        Testbed bed = bed();
        assertThat(bed.jenkins().home().resolve("jobs")).as("builds ran here").isDirectory();

        assertThat(FileTrees.filesContaining(bed.jenkins().home(), bed.apiKey()))
                .as("files under JENKINS_HOME holding the API key in clear")
                .isEmpty();
        assertThat(JavaProcesses.read(bed.jenkins().log()))
                .as("the controller's own output")
                .doesNotContain(bed.apiKey());
        for (String secret : otherSecrets()) {
            assertThat(FileTrees.filesContaining(bed.jenkins().home(), secret))
                    .as("files under JENKINS_HOME holding another secret in clear")
                    .isEmpty();
        }
        SimulatorCounters counters = bed.simulator().counters();
        ClipChecks.assertKeyNeverSentToMedia(counters);
    }
}
