package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.action.RenderRecord;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.awt.Color;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A render while it waits for its host, held there by its stepped clock ({@link
 * SteppedScheduler#hold()}) for as long as each test needs: the card on the build page and the
 * step's status, an abort and the promised way to collect the paid clip later, the staging
 * folder, and the delivery of a clip whose workspace changed or whose agent reconnected
 * meanwhile.
 */
@WithJenkins
class WaitingRenderTest {

    private JenkinsRule j;
    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        simulator = RenderFixture.startSimulator(clock);
        RenderFixture.configure(j.jenkins, simulator, clock);
        // Every render here parks on its first poll until the test releases the clock.
        clock.hold();
    }

    @AfterEach
    void tearDown() {
        clock.release();
        simulator.close();
    }

    /** The build page shows a card while the render waits, kept up to date without inline script. */
    @Test
    void theBuildPageShowsTheWaitingRenderAndTheStepSaysWhatItWaitsFor() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "card");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse on the beach',"
                        + " credentialsId: '" + CREDENTIALS_ID + "'",
                true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        String id = RenderStepTest.awaitWaiting(b);

        assertThat(RenderStepTest.statuses(b)).anySatisfy(status -> assertThat(status)
                .startsWith("waiting for WaveSpeed to finish prediction " + id));
        JenkinsRule.WebClient web = j.createWebClient();
        web.getOptions().setJavaScriptEnabled(false);
        String page = web.getPage(b).getWebResponse().getContentAsString();
        assertThat(page)
                .contains("class=\"happyhorse-cards\"")
                .contains("Rendering on WaveSpeed")
                .contains(id)
                .contains("A horse on the beach")
                .contains("/adjuncts/")
                .contains("io/jenkins/plugins/happyhorse/action/RenderAction/live.js")
                // The plugin's icon is a symbol, drawn inline in the text colour (dark themes too).
                .contains("M16.5 10l5-3v10l-5-3z")
                .doesNotContain("/plugin/happyhorse/images/");
        Page fragment = web.goTo(b.getUrl() + "happyhorse/progress", "text/html");
        String cards = fragment.getWebResponse().getContentAsString();
        assertThat(cards)
                .contains("data-building=\"true\"")
                .contains("Rendering on WaveSpeed")
                .contains(id)
                .contains("waiting for WaveSpeed to render the clip")
                .containsPattern("of about|longer than the usual")
                .contains("<progress");
        assertThat(cards)
                .as("inline script or style in the cards")
                .doesNotContain("<script")
                .doesNotContain("<style")
                .doesNotContainPattern("\\son[a-z]+=")
                .doesNotContainPattern("\\sstyle=");
        assertThat(b.getAction(RenderAction.class).getRunning()).hasSize(1);

        clock.release();
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        assertThat(b.getAction(RenderAction.class).getRunning())
                .as("the card is taken down")
                .isEmpty();
        String done = web.goTo(b.getUrl() + "happyhorse/progress", "text/html")
                .getWebResponse()
                .getContentAsString();
        assertThat(done).contains("data-building=\"false\"").doesNotContain("Rendering on");
    }

    /**
     * An abort while the host renders ends the build ABORTED, says the host may still bill the job,
     * and names the way to collect its clip later with the exact id; that way works, and never
     * submits again.
     */
    @Test
    void anAbortPromisesAWayToCollectTheClipAndThatWayWorksWithoutPayingAgain() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "abort");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: '"
                        + CREDENTIALS_ID + "'",
                true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        String id = RenderStepTest.awaitWaiting(b);

        b.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("[HappyHorse] Stopped waiting for WaveSpeed prediction " + id, b);
        j.assertLogContains("The host cannot cancel a job once submitted: it may still finish and be billed.", b);
        j.assertLogContains(
                "Collect its clip later without paying again: happyHorseRender(predictionId: '" + id
                        + "', provider: 'wavespeed', credentialsId: '" + CREDENTIALS_ID + "')",
                b);
        assertThat(b.getAction(RenderAction.class).getRenders()).isEmpty();
        assertThat(b.getAction(RenderAction.class).getRunning()).isEmpty();
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        clock.release();

        WorkflowJob collect = j.createProject(WorkflowJob.class, "collect");
        collect.setDefinition(new CpsFlowDefinition(
                "def clip = happyHorseRender(predictionId: '" + id + "', provider: 'wavespeed', credentialsId: '"
                        + CREDENTIALS_ID + "', duration: 5)\n"
                        + "echo \"collected ${clip.predictionId} as ${clip.artifactPath}, cost ${clip.cost}\"",
                true));
        WorkflowRun c = j.buildAndAssertSuccess(collect);

        j.assertLogContains("Collecting the clip of WaveSpeed prediction " + id + ": nothing is submitted", c);
        j.assertLogContains("collected " + id + " as happyhorse/clip-1.mp4, cost null", c);
        j.assertLogNotContains("Submitted as", c);
        j.assertLogNotContains("Estimated cost", c);
        assertThat(simulator.stats().submissions())
                .as("submissions, collecting included")
                .isEqualTo(1);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(c, "happyhorse/clip-1.mp4"));
        RenderRecord record = c.getAction(RenderAction.class).getRenders().get(0);
        assertThat(record.isCollected()).isTrue();
        assertThat(record.getPredictionId()).isEqualTo(id);
        RenderFixture.assertSecretAbsent(c, API_KEY);
    }

    /** Collecting checks the clip against the shape it was given: the wrong one is refused, not paid again. */
    @Test
    void collectingAClipOfAnotherShapeFailsAndSubmitsNothing() throws Exception {
        clock.release();
        WorkflowJob p = j.createProject(WorkflowJob.class, "first");
        p.setDefinition(new CpsFlowDefinition(
                "echo happyHorseRender(images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: '"
                        + CREDENTIALS_ID + "', duration: 3).predictionId",
                true));
        WorkflowRun first = j.buildAndAssertSuccess(p);
        String id = RenderStepTest.predictionId(first).orElseThrow();

        WorkflowJob collect = j.createProject(WorkflowJob.class, "collect-wrong-shape");
        collect.setDefinition(new CpsFlowDefinition(
                "happyHorseRender predictionId: '" + id + "', credentialsId: '" + CREDENTIALS_ID + "', duration: 10",
                true));
        WorkflowRun c = j.assertBuildStatus(Result.FAILURE, collect.scheduleBuild2(0));

        j.assertLogNotContains("\tat ", c);
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        assertThat(c.getArtifacts()).isEmpty();
    }

    /**
     * The render's images and clip are kept in the build's own folder, never in a shared temporary
     * folder, and are gone once the clip is delivered.
     */
    @Test
    void theStagingFolderIsTheBuildsOwnAndIsCleanedAfterDelivery() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "staging");
        RenderFixture.writeImage(j.jenkins.getWorkspaceFor(p), "hero.png", Color.MAGENTA);
        p.setDefinition(new CpsFlowDefinition(
                "node { happyHorseRender images: ['hero.png'], prompt: 'A horse', credentialsId: '" + CREDENTIALS_ID
                        + "' }",
                true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        RenderStepTest.awaitWaiting(b);

        Path staging = b.getRootDir().toPath().resolve("happyhorse-staging/render-1");
        assertThat(staging.resolve("image-0.png")).isRegularFile();
        assertThat(staging.resolve("image-0.png")).hasBinaryContent(RenderFixture.png(Color.MAGENTA));
        clock.release();

        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        assertThat(staging).doesNotExist();
    }

    /**
     * A paid clip is never lost: it is archived first, and when the workspace cannot take it any more
     * (here a file took the place of its folder while the host rendered) the build fails saying
     * where the clip is: among the artifacts, archived even though archive was off.
     */
    @Test
    void aPaidClipIsArchivedWhenTheWorkspaceCannotTakeIt() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "lost-workspace");
        p.setDefinition(new CpsFlowDefinition(
                "node { happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: '"
                        + CREDENTIALS_ID + "', output: 'clips/x.mp4', archive: false }",
                true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        RenderStepTest.awaitWaiting(b);
        FilePath workspace = j.jenkins.getWorkspaceFor(p);
        workspace.child("clips").write("a file where the clip's folder should be", "UTF-8");
        clock.release();

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("The clip could not be written to the workspace", b);
        j.assertLogContains("archiving it instead, so that it is not lost", b);
        j.assertLogContains(
                "The clip is archived as clips/x.mp4 (see the build's artifacts), but it could not be"
                        + " written to the workspace as clips/x.mp4",
                b);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "clips/x.mp4"));
        assertThat(b.getAction(RenderAction.class).getRenders())
                .singleElement()
                .satisfies(r -> assertThat(r.getArtifactPath()).isEqualTo("clips/x.mp4"));
        assertThat(simulator.stats().submissions()).isEqualTo(1);
    }

    /**
     * The workspace is looked up again when the clip is delivered: the one of the start belongs to a
     * channel that is gone once the agent reconnected while the host rendered.
     */
    @Test
    void theClipReachesTheWorkspaceOfAnAgentThatReconnectedWhileItWaited() throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        WorkflowJob p = j.createProject(WorkflowJob.class, "reconnect");
        p.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  happyHorseRender images: ['https://example.com/a.png'], prompt: 'A"
                        + " horse', credentialsId: '"
                        + CREDENTIALS_ID + "', output: 'clips/after-reconnect.mp4'\n"
                        + "}",
                true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        RenderStepTest.awaitWaiting(b);

        j.disconnectSlave(agent);
        agent.toComputer().connect(false).get();
        j.waitOnline(agent);
        clock.release();

        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        FilePath workspace = agent.getWorkspaceFor(p);
        assertThat(workspace).isNotNull();
        assertThat(workspace.child("clips/after-reconnect.mp4").exists()).isTrue();
        RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "clips/after-reconnect.mp4"));
        try (Stream<Path> left = Files.walk(new File(b.getRootDir(), "happyhorse-staging").toPath())) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
