package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.engine.RenderEngines;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.webhook.CallbackRecord;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A render that listens for its host's callback survives a controller restart: after it, the step
 * asks the host once and listens again, and the host's callback, sent to the restarted
 * controller's endpoint, completes it. Nothing is submitted twice.
 */
class WebhookRestartTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void startSimulator() throws Exception {
        simulator = WebhookSupport.startSimulator(clock);
    }

    @AfterEach
    void stopSimulator() {
        clock.release();
        simulator.close();
    }

    @Test
    void afterARestartTheStepPollsOnceAndListensAgain() throws Throwable {
        sessions.then(j -> {
            RenderFixture.configure(j.jenkins, simulator, clock);
            WebhookSupport.turnOn(j);
            // The clock stands still: the job runs on, and the render listens, until after the restart.
            clock.hold();
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: '"
                            + CREDENTIALS_ID + "'",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            RenderStepTest.awaitWaiting(b);
            BuildWaits.until(b, "its render listens for the callback", () -> listening() == 1);
            assertThat(polls()).as("polls before the restart").isZero();
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
            // Resumed: one poll now (the job still runs), then listening again.
            BuildWaits.until(b, "the resumed render polls once", () -> polls() == 1);
            BuildWaits.until(b, "the resumed render listens again", () -> listening() == 1);
            clock.release();
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("Resuming the render of WaveSpeed prediction", b);
            j.assertLogContains("asking the host once now", b);
            j.assertLogContains("WaveSpeed called back about prediction", b);
            assertThat(simulator.webhookCallbacks())
                    .extracting(CallbackRecord::status)
                    .as("the restarted controller's endpoint accepted the callback")
                    .containsExactly(204);
            assertThat(simulator.stats().submissions()).isEqualTo(1);
            assertThat(polls()).as("polls over both sessions").isBetween(2L, 3L);
            RenderFixture.assertSecretAbsent(b, API_KEY);
        });
    }

    /** Renders listening for a callback, over every engine of the controller. */
    private static int listening() {
        return RenderEngines.webhookReceivers().stream()
                .mapToInt(r -> r.awaiting())
                .sum();
    }

    private long polls() {
        return simulator.stats().requests(Route.WS_RESULT) + simulator.stats().requests(Route.WS_PREDICTION);
    }
}
