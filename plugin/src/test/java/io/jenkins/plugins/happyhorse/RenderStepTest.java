package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.FilePath;
import hudson.Functions;
import hudson.model.Computer;
import hudson.model.Queue;
import hudson.model.Result;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.action.RenderRecord;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.awt.Color;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.util.VirtualFile;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code happyHorseRender} Pipeline step against the in-process simulator: Scripted and
 * Declarative happy paths, what the log says and how often, the executor-free pattern, bad input
 * and bad credentials, and a dry run. Waiting renders, aborts and collecting a clip by its id are in
 * {@link WaitingRenderTest}.
 */
@WithJenkins
class RenderStepTest {

    private static final Pattern SUBMITTED = Pattern.compile("Submitted as WaveSpeed prediction ([^;\\s]+)");

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

    @Test
    void scriptedPipelineRendersArchivesAndReturnsTheClip() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "scripted");
        FilePath workspace = j.jenkins.getWorkspaceFor(p);
        RenderFixture.writeImage(workspace, "assets/product.png", Color.RED);
        RenderFixture.writeImage(workspace, "assets/style.png", Color.BLUE);
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  def clip = happyHorseRender(images: ['assets/*.png'], prompt: 'A product turns slowly',\n"
                        + "      credentialsId: '" + CREDENTIALS_ID + "', duration: 5, aspectRatio: '16:9', seed: 42,\n"
                        + "      maxCost: 2)\n"
                        + "  echo \"artifact=${clip.artifactPath} output=${clip.output} cost=${clip.cost}\"\n"
                        + "  echo \"provider=${clip.provider} seed=${clip.seed} resolution=${clip.resolution}\"\n"
                        + "  echo \"ratio=${clip.aspectRatio} duration=${clip.duration} id=${clip.predictionId}\"\n"
                        + "}",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("artifact=happyhorse/clip-1.mp4 output=happyhorse/clip-1.mp4 cost=0.70", b);
        j.assertLogContains("provider=wavespeed seed=42 resolution=720p", b);
        j.assertLogContains("ratio=16:9 duration=5 id=", b);
        j.assertLogContains("[HappyHorse] Done: WaveSpeed prediction", b);
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        assertThat(simulator.stats().requests(Route.WS_UPLOAD)
                        + simulator.stats().requests(Route.WS_UPLOAD_BINARY))
                .as("both workspace images uploaded")
                .isEqualTo(2);
        assertIsMp4(RenderFixture.artifact(b, "happyhorse/clip-1.mp4"));
        assertThat(workspace.child("happyhorse/clip-1.mp4").exists()).isTrue();
        List<RenderRecord> renders = b.getAction(RenderAction.class).getRenders();
        assertThat(renders).hasSize(1);
        assertThat(renders.get(0).getPrompt()).isEqualTo("A product turns slowly");
        assertThat(renders.get(0).getSeed()).isEqualTo(42L);
        assertThat(renders.get(0).getArtifactPath()).isEqualTo("happyhorse/clip-1.mp4");
        assertThat(renders.get(0).getPredictionId()).isNotBlank();
        j.assertLogNotContains(API_KEY, b);
        RenderFixture.assertSecretAbsent(b, API_KEY);
    }

    /** What the user reads, each once: the estimate, every image uploaded, the submission, the result. */
    @Test
    void theLogTellsEachThingOnceAndEveryUpload() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "log-once");
        FilePath workspace = j.jenkins.getWorkspaceFor(p);
        RenderFixture.writeImage(workspace, "a.png", Color.RED);
        RenderFixture.writeImage(workspace, "b.png", Color.GREEN);
        p.setDefinition(new CpsFlowDefinition(
                "node { happyHorseRender images: ['a.png', 'b.png'], prompt: 'A horse', credentialsId: '"
                        + CREDENTIALS_ID + "' }",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        String log = JenkinsRule.getLog(b);
        assertThat(RenderFixture.lines(b, "Estimated cost: 0.70 USD (")).isEqualTo(1);
        assertThat(log.lines().filter(line -> line.toLowerCase(Locale.ROOT).contains("estimated cost")))
                .as("lines telling the estimate")
                .hasSize(1);
        assertThat(log).contains("uploading image 1 of 2").contains("uploading image 2 of 2");
        assertThat(RenderFixture.lines(b, "Submitted as WaveSpeed prediction")).isEqualTo(1);
        assertThat(RenderFixture.lines(b, "prediction id"))
                .as("the engine's own word for it")
                .isZero();
        assertThat(RenderFixture.lines(b, "[HappyHorse] Done:")).isEqualTo(1);
        // Inside node {} the executor is the node block's: the log does not pretend otherwise.
        j.assertLogContains("without holding a thread (node {} keeps its executor meanwhile)", b);
        j.assertLogNotContains("holding no executor", b);
    }

    /** A single string is one image, a string of lines one image per line, also in Declarative. */
    @Test
    void declarativePipelineTakesASingleStringAsOneImage() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "declarative");
        p.setDefinition(new CpsFlowDefinition(
                "pipeline {\n"
                        + "  agent any\n"
                        + "  stages {\n"
                        + "    stage('Render') {\n"
                        + "      steps {\n"
                        + "        happyHorseRender images: 'https://example.com/product.png',\n"
                        + "            prompt: 'A horse gallops along the beach', credentialsId: '" + CREDENTIALS_ID
                        + "',\n"
                        + "            provider: 'atlascloud', resolution: '1080p', aspectRatio: '9:16', duration: 3,\n"
                        + "            output: 'clips/demo.mp4'\n"
                        + "      }\n"
                        + "    }\n"
                        + "  }\n"
                        + "}",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("Estimated cost: 0.72 USD", b);
        assertIsMp4(RenderFixture.artifact(b, "clips/demo.mp4"));
        assertThat(j.jenkins.getWorkspaceFor(p).child("clips/demo.mp4").exists())
                .isTrue();
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        RenderRecord render = b.getAction(RenderAction.class).getRenders().get(0);
        assertThat(render.getProvider()).isEqualTo("Atlas Cloud");
        assertThat(render.getResolution()).isEqualTo("1080p");
        assertThat(render.getAspectRatio()).isEqualTo("9:16");
        RenderFixture.assertSecretAbsent(b, API_KEY);
    }

    @Test
    void aStringOfSeveralLinesIsOneImagePerLine() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "lines");
        StringBuilder tenLines = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            tenLines.append("https://example.com/").append(i).append(".png\\n");
        }
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: \"" + tenLines + "\", prompt: 'A horse', credentialsId: '" + CREDENTIALS_ID
                        + "', dryRun: true",
                true));

        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("images: 10 images is not allowed", b);
        j.assertLogNotContains("expects", b);
    }

    @Test
    void severalRendersInOneBuildEachGetTheirOwnEntry() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "two");
        p.setDefinition(new CpsFlowDefinition(
                "def a = happyHorseRender images: ['https://example.com/a.png'], prompt: 'First',"
                        + " credentialsId: '" + CREDENTIALS_ID + "'\n"
                        + "def b = happyHorseRender images: ['https://example.com/b.png'], prompt: 'Second',"
                        + " credentialsId: '" + CREDENTIALS_ID + "'\n"
                        + "echo \"paths=${a.artifactPath},${b.artifactPath}\"",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("paths=happyhorse/clip-1.mp4,happyhorse/clip-2.mp4", b);
        assertThat(b.getAction(RenderAction.class).getRenders())
                .extracting(RenderRecord::getPrompt)
                .containsExactly("First", "Second");
        assertThat(simulator.stats().submissions()).isEqualTo(2);
    }

    @Test
    void rendersOutsideNodeWithoutAnyExecutor() throws Exception {
        // The render parks on its first poll until the test has looked at it.
        clock.hold();
        j.jenkins.setNumExecutors(0);
        WorkflowJob p = j.createProject(WorkflowJob.class, "no-node");
        p.setDefinition(new CpsFlowDefinition(
                "def clip = happyHorseRender images: ['https://example.com/product.png'], prompt: 'A horse',"
                        + " credentialsId: '" + CREDENTIALS_ID + "'\n"
                        + "echo \"archived ${clip.artifactPath}, workspace ${clip.output}\"",
                true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        String id = awaitWaiting(b);
        assertThat(statuses(b)).anySatisfy(status -> assertThat(status)
                .startsWith("waiting for WaveSpeed to finish prediction " + id));
        for (Computer computer : j.jenkins.getComputers()) {
            assertThat(computer.countBusy())
                    .as("busy executors of %s", computer)
                    .isZero();
        }
        assertThat(Queue.getInstance().getItems())
                .as("nothing waits for an executor")
                .isEmpty();
        j.assertLogContains("waiting for the clip, holding no executor and no thread.", b);
        clock.release();

        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("archived happyhorse/clip-1.mp4, workspace null", b);
        assertIsMp4(RenderFixture.artifact(b, "happyhorse/clip-1.mp4"));
    }

    @Test
    void badInputFailsWithEveryProblemAndNoRequest() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "bad");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  happyHorseRender images: ['missing.png', 'http://example.com/a.png'], prompt: '',\n"
                        + "      duration: 20, aspectRatio: '5:4', output: '../escape.mp4', credentialsId: '"
                        + CREDENTIALS_ID + "'\n"
                        + "}",
                true));

        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("nothing was sent to the host", b);
        j.assertLogContains("duration: 20 is not allowed; allowed: an integer from 3 to 15", b);
        j.assertLogContains("aspectRatio: 5:4 is not allowed; allowed: 16:9, 9:16, 1:1, 4:3 or 3:4", b);
        j.assertLogContains("images: missing.png is not allowed (file not found in the workspace)", b);
        j.assertLogContains("images: http://example.com/a.png is not allowed (only https URLs are accepted", b);
        j.assertLogContains("prompt: (empty) is not allowed", b);
        j.assertLogContains("output: ../escape.mp4 is not allowed", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    /** {@code dir()} of a folder nobody made yet: the list of problems, not a stack trace. */
    @Test
    void aWorkspaceFolderThatDoesNotExistYetGivesTheListOfProblems() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "not-yet");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  dir('not-created-yet/renders') {\n"
                        + "    happyHorseRender images: ['missing/product.png', 'assets/*.gif',"
                        + " 'http://insecure.example/a.png'], prompt: 'A horse', duration: 20, credentialsId: '"
                        + CREDENTIALS_ID + "'\n"
                        + "  }\n"
                        + "}",
                true));

        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        String log = JenkinsRule.getLog(b);
        assertThat(log).doesNotContain("NoSuchFileException").doesNotContain("\tat ");
        assertThat(RenderFixture.lines(b, "The render request is invalid (4 problems)"))
                .isEqualTo(1);
        j.assertLogContains("images: missing/product.png is not allowed (file not found in the workspace)", b);
        j.assertLogContains("images: assets/*.gif is not allowed (matches no file in the workspace)", b);
        j.assertLogContains("images: http://insecure.example/a.png is not allowed (only https URLs", b);
        j.assertLogContains("duration: 20 is not allowed", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void workspaceImagesLeadingOutsideTheWorkspaceAreRefused() throws Exception {
        assumeFalse(Functions.isWindows(), "symbolic links need extra rights on Windows");
        WorkflowJob p = j.createProject(WorkflowJob.class, "escape");
        FilePath workspace = j.jenkins.getWorkspaceFor(p);
        workspace.mkdirs();
        File outside = Files.createTempFile("outside", ".png").toFile();
        Files.write(outside.toPath(), RenderFixture.png(Color.GREEN));
        workspace.child("link.png").symlinkTo(outside.getAbsolutePath(), j.createTaskListener());
        p.setDefinition(new CpsFlowDefinition(
                "node { happyHorseRender images: ['link.png', '"
                        + outside.getAbsolutePath().replace("\\", "/") + "'], prompt: 'A horse', credentialsId: '"
                        + CREDENTIALS_ID + "' }",
                true));

        WorkflowRun b;
        try {
            b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        } finally {
            Files.delete(outside.toPath());
        }

        j.assertLogContains("it leads outside the workspace", b);
        j.assertLogContains("an absolute path; give a path relative to the workspace", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    /** Outside {@code node {}} a workspace path is one problem, said once, as what it is. */
    @Test
    void workspaceFilesOutsideNodeAreReportedOnceAsWhatTheyAre() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "files-outside-node");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['assets/product.png'], prompt: 'A horse', credentialsId: '" + CREDENTIALS_ID
                        + "'",
                true));

        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("The render request is invalid (1 problem)", b);
        j.assertLogContains(
                "images: assets/product.png is not allowed (a workspace file, but the step runs outside"
                        + " node {} and has no workspace",
                b);
        j.assertLogNotContains("(none)", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void missingCredentialsFailNamingTheIdWithNoRequest() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "missing-credentials");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: 'nope'",
                true));

        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("No credentials with the id 'nope' are visible to this build", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void wrongTypeCredentialsFailNamingTheIdWithNoRequest() throws Exception {
        RenderFixture.addCredentials(
                j.jenkins,
                new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "userpass", "not a key", "bob", "s3cr3t-password"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "wrong-credentials");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: 'userpass'",
                true));

        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("The credentials 'userpass' are of the kind Username with password", b);
        j.assertLogContains("must be a Secret text credential", b);
        j.assertLogNotContains("s3cr3t-password", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    /** A dry run tells the estimate once, in its own line, and sends nothing. */
    @Test
    void dryRunTellsTheEstimateOnceWithoutAnyRequest() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "dry-run");
        p.setDefinition(new CpsFlowDefinition(
                "def r = happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse',"
                        + " credentialsId: '" + CREDENTIALS_ID + "', resolution: '1080p', duration: 10, dryRun: true\n"
                        + "echo \"dry=${r.dryRun} cost=${r.cost} artifact=${r.artifactPath}\"",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains(
                "[HappyHorse] Dry run: the request is valid and would cost about 2.80 USD; nothing was sent", b);
        assertThat(JenkinsRule.getLog(b).lines().filter(line -> line.matches("(?i).*(estimated cost|would cost).*")))
                .as("lines telling the estimate")
                .hasSize(1);
        j.assertLogContains("dry=true cost=2.80 artifact=null", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void costAboveTheLimitIsRefusedBeforeAnyRequest() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "too-expensive");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: '"
                        + CREDENTIALS_ID + "', resolution: '1080p', duration: 15, maxCost: 1.5",
                true));

        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("Estimated cost: 4.20 USD", b);
        j.assertLogContains("maxCost: The estimated cost 4.20 USD", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void failedJobFailsTheBuildAndShowsNoClip() throws Exception {
        simulator.faults().nextJob(Outcome.FAIL);
        WorkflowJob p = j.createProject(WorkflowJob.class, "moderated");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRender images: ['https://example.com/a.png'], prompt: 'A horse', credentialsId: '"
                        + CREDENTIALS_ID + "'",
                true));

        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        assertThat(simulator.stats().submissions()).isEqualTo(1);
        assertThat(b.getAction(RenderAction.class).getRenders()).isEmpty();
        assertThat(b.getAction(RenderAction.class).getRunning())
                .as("no card left behind")
                .isEmpty();
        RenderFixture.assertSecretAbsent(b, API_KEY);
    }

    /** Waits until the render of {@code b} waits for its host; the prediction id it logged. */
    static String awaitWaiting(WorkflowRun b) throws Exception {
        BuildWaits.until(
                b,
                "its render waits for its host",
                () -> statuses(b).stream().anyMatch(s -> s.startsWith("waiting for "))
                        && predictionId(b).isPresent());
        return predictionId(b).orElseThrow();
    }

    static Optional<String> predictionId(WorkflowRun b) throws Exception {
        Matcher m = SUBMITTED.matcher(JenkinsRule.getLog(b));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static List<String> statuses(WorkflowRun b) throws Exception {
        if (b.getExecution() == null) {
            return List.of();
        }
        return b.getExecution().getCurrentExecutions(true).get().stream()
                .map(StepExecution::getStatus)
                .toList();
    }

    static void assertIsMp4(VirtualFile clip) throws Exception {
        assertThat(clip.isFile()).as("%s is archived", clip).isTrue();
        byte[] head = new byte[8];
        try (InputStream in = clip.open()) {
            assertThat(in.readNBytes(head, 0, 8)).isEqualTo(8);
        }
        assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII))
                .as("an MP4 starts with its ftyp box")
                .isEqualTo("ftyp");
    }
}
