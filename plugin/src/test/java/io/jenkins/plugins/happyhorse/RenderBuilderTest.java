package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Builder;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.freestyle.HappyHorseRenderBuilder;
import io.jenkins.plugins.happyhorse.pipeline.HappyHorseRenderStep;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step: the Pipeline step's settings and core, against the simulator. */
@WithJenkins
class RenderBuilderTest {

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
        simulator.close();
    }

    private static HappyHorseRenderBuilder builder(List<String> images, String prompt) {
        HappyHorseRenderStep render = new HappyHorseRenderStep(images, prompt);
        render.setCredentialsId(CREDENTIALS_ID);
        return new HappyHorseRenderBuilder(render);
    }

    @Test
    void freestyleBuildRendersArchivesAndShowsTheClip() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("freestyle");
        RenderFixture.writeImage(j.jenkins.getWorkspaceFor(project), "refs/hero.png", Color.ORANGE);
        HappyHorseRenderBuilder builder = builder(List.of("refs/hero.png"), "Build ${BUILD_NUMBER}: the hero waves");
        builder.getRender().setOutput("clips/build-${BUILD_NUMBER}.mp4");
        builder.getRender().setAspectRatio("1:1");
        project.getBuildersList().add(builder);

        FreeStyleBuild b = j.buildAndAssertSuccess(project);

        assertThat(RenderFixture.lines(b, "Estimated cost: 0.70 USD")).isEqualTo(1);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "clips/build-1.mp4"));
        assertThat(j.jenkins.getWorkspaceFor(project).child("clips/build-1.mp4").exists())
                .isTrue();
        assertThat(b.getAction(RenderAction.class).getRenders().get(0).getPrompt())
                .isEqualTo("Build 1: the hero waves");
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        RenderFixture.assertSecretAbsent(b, API_KEY);
    }

    @Test
    void theLogSaysAFreestyleBuildHoldsItsExecutorAndARestartAbortsIt() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("honest");
        project.getBuildersList().add(builder(List.of("https://example.com/a.png"), "A horse"));

        FreeStyleBuild b = j.buildAndAssertSuccess(project);

        j.assertLogNotContains("without holding an executor", b);
        j.assertLogNotContains("holding no executor", b);
        j.assertLogContains("A freestyle build holds its executor while it waits", b);
        j.assertLogContains("a restart of the controller aborts it", b);
    }

    @Test
    void freestyleBadInputFailsWithNoRequest() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("freestyle-bad");
        HappyHorseRenderBuilder builder = builder(List.of("nothing/*.png"), "A horse");
        builder.getRender().setDuration(2.0);
        project.getBuildersList().add(builder);

        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("images: nothing/*.png is not allowed (matches no file in the workspace)", b);
        j.assertLogContains("duration: 2 is not allowed", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void freestyleConfigurationRoundTrips() throws Exception {
        HappyHorseRenderStep render =
                new HappyHorseRenderStep(List.of("refs/*.png", "https://example.com/style.jpg"), "A horse");
        render.setProvider("atlascloud");
        render.setCredentialsId(CREDENTIALS_ID);
        render.setResolution("1080p");
        render.setAspectRatio("4:3");
        render.setDuration(8.0);
        render.setSeed(1234.0);
        render.setOutput("clips/x.mp4");
        render.setArchive(false);
        render.setMaxCost(3.5);
        render.setTimeout(45.0);
        render.setDryRun(true);
        HappyHorseRenderBuilder before = new HappyHorseRenderBuilder(render);

        HappyHorseRenderBuilder after = j.configRoundtrip(before);

        j.assertEqualDataBoundBeans(before, after);
    }

    /**
     * A job's XML lists the settings directly under the build step's element, as jobs made with
     * earlier versions have them; they load, and are written back the same way.
     */
    @Test
    void jobXmlKeepsTheSettingsDirectlyUnderTheBuildStep() throws Exception {
        String xml = "<?xml version='1.1' encoding='UTF-8'?>\n<project><builders>\n"
                + "<io.jenkins.plugins.happyhorse.freestyle.HappyHorseRenderBuilder>\n"
                + "  <images><string>refs/boat.png</string></images>\n"
                + "  <prompt>A paper boat</prompt>\n  <duration>3</duration>\n"
                + "  <credentialsId>" + CREDENTIALS_ID + "</credentialsId>\n"
                + "  <output>clips/boat.mp4</output>\n  <archive>true</archive>\n"
                + "</io.jenkins.plugins.happyhorse.freestyle.HappyHorseRenderBuilder>\n"
                + "</builders></project>";
        FreeStyleProject project = (FreeStyleProject) j.jenkins.createProjectFromXML(
                "from-xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        HappyHorseRenderStep render =
                project.getBuildersList().get(HappyHorseRenderBuilder.class).getRender();
        assertThat(render.getImages()).containsExactly("refs/boat.png");
        assertThat(render.getPrompt()).isEqualTo("A paper boat");
        assertThat(render.getDuration()).isEqualTo(3);
        assertThat(render.getOutput()).isEqualTo("clips/boat.mp4");
        assertThat(render.isArchive()).isTrue();

        String saved = project.getConfigFile().asString();
        assertThat(saved)
                .contains("<prompt>A paper boat</prompt>")
                .contains("<credentialsId>" + CREDENTIALS_ID + "</credentialsId>")
                .doesNotContain("<render>");
    }

    /**
     * The build step is for freestyle jobs only: in a Pipeline it would hold a thread and could not
     * survive a restart, where {@code happyHorseRender} does both. So it is no Pipeline step, by its
     * symbol or through {@code step(...)}.
     */
    @Test
    void theBuildStepIsNoPipelineStep() throws Exception {
        assertThat(StepDescriptor.byFunctionName("happyHorseRenderBuilder")).isNull();
        assertThat(StepDescriptor.byFunctionName("happyHorseRender")).isNotNull();
        assertThat(Jenkins.get().getDescriptorByType(HappyHorseRenderBuilder.DescriptorImpl.class))
                .as("still a freestyle build step")
                .isNotNull();
        assertThat(Builder.all().stream().anyMatch(d -> d.clazz == HappyHorseRenderBuilder.class))
                .isTrue();
        assertThat(jenkins.tasks.SimpleBuildStep.class.isAssignableFrom(HappyHorseRenderBuilder.class))
                .isFalse();

        WorkflowJob p = j.createProject(WorkflowJob.class, "no-builder-step");
        p.setDefinition(new CpsFlowDefinition(
                "happyHorseRenderBuilder(render: [images: ['https://example.com/a.png'], prompt: 'A horse'])", true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("No such DSL method 'happyHorseRenderBuilder'", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }
}
