package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.LogRotator;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.action.RenderRecord;
import io.jenkins.plugins.happyhorse.client.spend.Charge;
import io.jenkins.plugins.happyhorse.client.spend.ChargeState;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.freestyle.HappyHorseRenderBuilder;
import io.jenkins.plugins.happyhorse.pipeline.HappyHorseRenderStep;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.spend.ControllerLedger;
import java.awt.Color;
import java.math.BigDecimal;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Reuse of an identical clip through the controller's render store, the spend ledger every render
 * writes to, and the monthly budgets, against the in-process simulator: what the host is asked
 * (its submissions), what the build says, returns and shows.
 */
@WithJenkins
class ReuseAndBudgetTest {

    private static final String URL_IMAGE = "https://example.com/product.png";

    private JenkinsRule j;
    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        simulator = RenderFixture.startSimulator(clock);
        RenderFixture.configure(j.jenkins, simulator, clock);
    }

    @AfterEach
    void tearDown() {
        clock.release();
        simulator.close();
    }

    private WorkflowJob job(String name, String settings) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(
                "def clip = happyHorseRender images: ['" + URL_IMAGE + "'], prompt: 'A product turns slowly',"
                        + " credentialsId: '" + CREDENTIALS_ID + "'" + settings + "\n"
                        + "echo \"reused=${clip.reused} from=${clip.reusedFrom} cost=${clip.cost}"
                        + " artifact=${clip.artifactPath}\"",
                true));
        return p;
    }

    @Test
    void theSameInputsWithASeedArePaidOnceAndTheSecondBuildReusesTheClipForNothing() throws Exception {
        WorkflowJob p = job("nightly", ", seed: 42");

        WorkflowRun first = j.buildAndAssertSuccess(p);
        WorkflowRun second = j.buildAndAssertSuccess(p);

        assertThat(simulator.stats().submissions()).isEqualTo(1);
        j.assertLogContains("reused=false from=null cost=0.70", first);
        j.assertLogContains("reused=true from=nightly #1 cost=0 artifact=happyhorse/clip-1.mp4", second);
        j.assertLogContains("Reused the clip of nightly #1", second);
        j.assertLogContains("saved 0.70 USD, nothing was sent to WaveSpeed", second);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(second, "happyhorse/clip-1.mp4"));
        RenderRecord shown = second.getAction(RenderAction.class).getRenders().get(0);
        assertThat(shown.getReusedFrom()).isEqualTo("nightly #1");
        assertThat(shown.getReusedFromUrl()).isEqualTo(first.getUrl());
        assertThat(shown.getArtifactPath()).isEqualTo("happyhorse/clip-1.mp4");
        assertThat(shown.getSavedText()).isEqualTo("0.70 USD");
        assertThat(first.getAction(RenderAction.class).getRenders().get(0).getReusedFrom())
                .isNull();
    }

    @Test
    void reuseNeverPaysEveryTime() throws Exception {
        WorkflowJob p = job("never", ", seed: 42, reuse: 'never'");

        j.buildAndAssertSuccess(p);
        WorkflowRun second = j.buildAndAssertSuccess(p);

        assertThat(simulator.stats().submissions()).isEqualTo(2);
        j.assertLogContains("reused=false", second);
    }

    @Test
    void autoWithoutASeedRendersAgainBecauseANewRenderIsADifferentClip() throws Exception {
        WorkflowJob p = job("no-seed", "");

        j.buildAndAssertSuccess(p);
        WorkflowRun second = j.buildAndAssertSuccess(p);

        assertThat(simulator.stats().submissions()).isEqualTo(2);
        j.assertLogContains("reused=false", second);
    }

    @Test
    void alwaysReusesWithoutASeed() throws Exception {
        WorkflowJob p = job("always", ", reuse: 'always'");

        j.buildAndAssertSuccess(p);
        WorkflowRun second = j.buildAndAssertSuccess(p);

        assertThat(simulator.stats().submissions()).isEqualTo(1);
        j.assertLogContains("reused=true from=always #1", second);
    }

    @Test
    void theFreestyleBuildStepReusesLikeThePipelineStep() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("freestyle-nightly");
        HappyHorseRenderStep render = new HappyHorseRenderStep(List.of(URL_IMAGE), "A product turns slowly");
        render.setCredentialsId(CREDENTIALS_ID);
        render.setReuse("always");
        project.getBuildersList().add(new HappyHorseRenderBuilder(render));

        j.buildAndAssertSuccess(project);
        FreeStyleBuild second = j.buildAndAssertSuccess(project);

        assertThat(simulator.stats().submissions()).isEqualTo(1);
        j.assertLogContains("Reused the clip of freestyle-nightly #1", second);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(second, "happyhorse/clip-1.mp4"));
        assertThat(second.getAction(RenderAction.class).getRenders().get(0).getReusedFrom())
                .isEqualTo("freestyle-nightly #1");
    }

    @Test
    void aChangedImageIsRenderedAfreshAndTheUnchangedOneReused() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "two-products");
        FilePath workspace = j.jenkins.getWorkspaceFor(p);
        RenderFixture.writeImage(workspace, "a.png", Color.RED);
        RenderFixture.writeImage(workspace, "b.png", Color.BLUE);
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  for (name in ['a', 'b']) {\n"
                        + "    def clip = happyHorseRender images: [name + '.png'], prompt: 'A product turns',"
                        + " credentialsId: '" + CREDENTIALS_ID + "', seed: 7, output: \"clips/${name}.mp4\"\n"
                        + "    echo \"${name}: reused=${clip.reused}\"\n"
                        + "  }\n"
                        + "}",
                true));
        j.buildAndAssertSuccess(p);
        RenderFixture.writeImage(workspace, "b.png", Color.GREEN);

        WorkflowRun second = j.buildAndAssertSuccess(p);

        assertThat(simulator.stats().submissions()).isEqualTo(3);
        j.assertLogContains("a: reused=true", second);
        j.assertLogContains("b: reused=false", second);
    }

    @Test
    void parallelBranchesAskingForTheSameClipPayOnce() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "fan-out");
        p.setDefinition(new CpsFlowDefinition(
                "def branches = [:]\n"
                        + "for (int i = 0; i < 4; i++) {\n"
                        + "  def n = i\n"
                        + "  branches[\"b${n}\"] = {\n"
                        + "    def clip = happyHorseRender images: ['" + URL_IMAGE + "'], prompt: 'Same clip',"
                        + " credentialsId: '" + CREDENTIALS_ID + "', seed: 3, output: \"clips/${n}.mp4\"\n"
                        + "    echo \"branch ${n}: reused=${clip.reused}\"\n"
                        + "  }\n"
                        + "}\n"
                        + "parallel branches",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        assertThat(simulator.stats().submissions()).isEqualTo(1);
        assertThat(RenderFixture.lines(b, ": reused=true")).isEqualTo(3);
        assertThat(RenderFixture.lines(b, ": reused=false")).isEqualTo(1);
        assertThat(b.getAction(RenderAction.class).getRenders()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "clips/" + i + ".mp4"));
        }
    }

    @Test
    void aDeletedSourceArtifactGivesAFreshRenderSaidInTheLog() throws Exception {
        WorkflowJob p = job("deleted", ", seed: 42");
        WorkflowRun first = j.buildAndAssertSuccess(p);
        first.deleteArtifacts();

        WorkflowRun second = j.buildAndAssertSuccess(p);

        assertThat(simulator.stats().submissions()).isEqualTo(2);
        j.assertLogContains("paid for by deleted #1", second);
        j.assertLogContains("rendering afresh (it will be paid for)", second);
        j.assertLogContains("reused=false", second);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(second, "happyhorse/clip-1.mp4"));
    }

    @Test
    void aJobWithABuildDiscarderKeepsACopySoADeletedArtifactIsStillReused() throws Exception {
        WorkflowJob p = job("discarded", ", seed: 42");
        p.setBuildDiscarder(new LogRotator(-1, 5, -1, -1));
        WorkflowRun first = j.buildAndAssertSuccess(p);
        first.deleteArtifacts();

        WorkflowRun second = j.buildAndAssertSuccess(p);

        assertThat(simulator.stats().submissions()).isEqualTo(1);
        j.assertLogContains("using the render store's own copy", second);
        j.assertLogContains("reused=true from=discarded #1", second);
    }

    @Test
    void aWrongReuseValueIsRefusedNamingTheFieldBeforeAnyCall() throws Exception {
        WorkflowJob p = job("wrong-reuse", ", reuse: 'sometimes'");

        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("reuse: sometimes is not allowed", b);
        j.assertLogContains("auto (reuse when a seed is given), always or never", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void aRenderOverTheControllerBudgetIsRefusedBeforeAnyCall() throws Exception {
        HappyHorseConfiguration.get().setMonthlyBudget("1.00");
        WorkflowJob p = job("budget", "");
        j.buildAndAssertSuccess(p);
        long before = RenderFixture.requests(simulator);

        WorkflowRun refused = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("[HappyHorse] Refused before any call: The budget 'controller monthly budget'", refused);
        j.assertLogContains("0.70 USD spent", refused);
        j.assertLogContains("this render would cost 0.70 USD. Nothing was sent to the host", refused);
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        assertThat(RenderFixture.requests(simulator)).isEqualTo(before);
    }

    @Test
    void aJobsBudgetRefusesItsRenderWhileOtherJobsStillRender() throws Exception {
        HappyHorseConfiguration.get().setJobMonthlyBudget("0.50");

        WorkflowRun refused =
                j.assertBuildStatus(Result.FAILURE, job("small", "").scheduleBuild2(0));

        j.assertLogContains("The budget 'monthly budget of small'", refused);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void aReusedClipIsNeverRefusedByABudget() throws Exception {
        WorkflowJob p = job("reused-in-budget", ", seed: 42");
        j.buildAndAssertSuccess(p);
        HappyHorseConfiguration.get().setMonthlyBudget("0.70");

        WorkflowRun second = j.buildAndAssertSuccess(p);

        j.assertLogContains("reused=true", second);
        assertThat(simulator.stats().submissions()).isEqualTo(1);
    }

    @Test
    void theLedgerRecordsEachChargeWithItsJobAndBuildAndTheSaving() throws Exception {
        WorkflowJob p = job("ledgered", ", seed: 42");
        WorkflowRun first = j.buildAndAssertSuccess(p);
        j.buildAndAssertSuccess(p);

        List<Charge> charges = ControllerLedger.ledger().charges();

        assertThat(charges).hasSize(1);
        Charge charge = charges.get(0);
        assertThat(charge.labels().job()).isEqualTo("ledgered");
        assertThat(charge.labels().build()).isEqualTo(first.getId());
        assertThat(charge.state()).isEqualTo(ChargeState.CONFIRMED);
        assertThat(charge.cost()).isEqualByComparingTo(new BigDecimal("0.70"));
        assertThat(charge.predictionId()).isNotBlank();
        assertThat(ControllerLedger.ledger().savings()).hasSize(1);
        assertThat(ControllerLedger.ledger().savings().get(0).labels().build()).isEqualTo("2");
    }
}
