package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.client.spend.Charge;
import io.jenkins.plugins.happyhorse.client.spend.ChargeState;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.spend.ControllerLedger;
import java.awt.Color;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Controller restarts in the middle of a render: the step picks the render up from its saved
 * checkpoint and never submits it again. The simulator outlives both Jenkins sessions, as the
 * real hosts would.
 */
class RenderRestartTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void startSimulator() throws Exception {
        simulator = RenderFixture.startSimulator(clock);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void resumesAfterRestartWithoutSubmittingAgain() throws Throwable {
        sessions.then(j -> {
            RenderFixture.configure(j.jenkins, simulator, clock);
            // The render's first poll is held unanswered: the restart comes while it waits.
            RenderFixture.holdPolls(simulator);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "def clip = happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse',"
                            + " credentialsId: '" + CREDENTIALS_ID + "'\n"
                            + "echo \"rendered ${clip.predictionId} into ${clip.artifactPath}\"",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            BuildWaits.until(b, "its first poll is held", () -> simulator.heldRequests() >= 1);
            // Later polls (after the restart) are answered.
            simulator.faults().clear();
            assertThat(simulator.stats().submissions()).isEqualTo(1);
            assertThat(b.isBuilding()).isTrue();
            assertThat(b.getExecution().getCurrentExecutions(true).get())
                    .extracting(StepExecution::getStatus)
                    .anySatisfy(status -> assertThat(status).startsWith("waiting"));
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("Resuming the render of WaveSpeed prediction", b);
            j.assertLogContains("into happyhorse/clip-1.mp4", b);
            assertThat(simulator.stats().submissions())
                    .as("submissions over both sessions")
                    .isEqualTo(1);
            assertThat(b.getAction(RenderAction.class).getRenders()).hasSize(1);
            RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "happyhorse/clip-1.mp4"));
            RenderFixture.assertSecretAbsent(b, API_KEY);
            // One charge over both sessions, confirmed, labelled with the job and the build.
            assertThat(ControllerLedger.ledger().charges()).singleElement().satisfies(charge -> {
                assertThat(charge.state()).isEqualTo(ChargeState.CONFIRMED);
                assertThat(charge.labels().job()).isEqualTo("p");
                assertThat(charge.labels().build()).isEqualTo(b.getId());
            });
        });
    }

    @Test
    void restartDuringAnUnansweredSubmitFailsClearlyWithoutSubmittingAgain() throws Throwable {
        sessions.then(j -> {
            RenderFixture.configure(j.jenkins, simulator, clock);
            // The submit is never answered: whether the host got it cannot be known.
            simulator.faults().next(Route.WS_SUBMIT, Fault.noReply(), 1000);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: '"
                            + CREDENTIALS_ID + "'",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            BuildWaits.until(b, "its submit is held", () -> simulator.heldRequests() >= 1);
            simulator.faults().clear();
            // Written ahead: the charge is on the disk before the submit went out, and counts.
            assertThat(ControllerLedger.ledger().charges())
                    .singleElement()
                    .extracting(Charge::state)
                    .isEqualTo(ChargeState.PENDING);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
            j.assertLogContains("submit in flight", b);
            assertThat(simulator.stats().requests(Route.WS_SUBMIT))
                    .as("the submit is never sent again")
                    .isEqualTo(1);
            RenderFixture.assertSecretAbsent(b, API_KEY);
        });
    }

    @Test
    void restartBeforeTheSubmitStartsTheRenderAgainAndPaysOnce() throws Throwable {
        sessions.then(j -> {
            RenderFixture.configure(j.jenkins, simulator, clock);
            // The image upload is never answered: the restart comes before anything was submitted.
            simulator.faults().next(Route.WS_UPLOAD, Fault.noReply(), 1000);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            RenderFixture.writeImage(j.jenkins.getWorkspaceFor(p), "assets/product.png", Color.RED);
            p.setDefinition(new CpsFlowDefinition(
                    "node {\n"
                            + "  def clip = happyHorseRender images: ['assets/product.png'], prompt: 'A horse',"
                            + " credentialsId: '" + CREDENTIALS_ID + "'\n"
                            + "  echo \"rendered ${clip.predictionId}\"\n"
                            + "}",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            BuildWaits.until(b, "its image upload is held", () -> simulator.heldRequests() >= 1);
            simulator.faults().clear();
            assertThat(simulator.stats().submissions()).isZero();
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("nothing was charged: starting it again", b);
            assertThat(simulator.stats().submissions())
                    .as("submissions over both sessions")
                    .isEqualTo(1);
            RenderFixture.assertSecretAbsent(b, API_KEY);
        });
    }
}
