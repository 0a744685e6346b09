package io.jenkins.plugins.happyhorse.acceptance.scenarios.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderCall;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.Scripts;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import java.util.List;

/** What the restart scenarios share: a render outside {@code node {}} that is waiting for the host. */
final class RestartScenarios {
    private RestartScenarios() {}

    /** Creates a job whose render is marked {@code marker}, builds it, and waits until it is submitted. */
    static Build waitingRender(Testbed bed, String job, String marker, PipelineJob.Durability durability) {
        String script = """
                def clip = %s
                %s
                """
                .formatted(
                        RenderCall.prompt(marker + " A sailing boat rounds the lighthouse")
                                .images("https://images.example.invalid/boat.png")
                                .with("credentialsId", Testbed.CREDENTIALS_ID)
                                .groovy(),
                        Scripts.echoMap("clip"));
        Build build = PipelineJob.create(bed.admin(), job, script, durability).scheduleBuild();
        build.awaitLogLine("Submitted as WaveSpeed prediction", Bounds.SUBMIT);
        return build;
    }

    /** The render is still waiting: the build runs and the host's job has not been downloaded. */
    static void assertStillWaiting(Testbed bed, Build build, String marker) {
        List<SimulatorCounters.Job> jobs = bed.simulator().counters().jobsFor(marker);
        assertThat(jobs).as("jobs of %s", marker).hasSize(1);
        assertThat(jobs.get(0).downloads())
                .as("downloads of the clip before the restart")
                .isZero();
        assertThat(build.isBuilding())
                .as("the build still runs before the restart")
                .isTrue();
    }

    /** The prediction id the build's log gives. */
    static String predictionId(Build build) {
        String log = build.console();
        return RenderLog.predictionId(log).orElseThrow(() -> new AssertionError("no submission in:\n" + log));
    }
}
