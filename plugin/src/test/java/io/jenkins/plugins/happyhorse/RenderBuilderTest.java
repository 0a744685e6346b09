package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.happyhorse.action.RenderAction;
import io.jenkins.plugins.happyhorse.freestyle.HappyHorseRenderBuilder;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step: same core as the Pipeline step, against the simulator. */
@WithJenkins
class RenderBuilderTest {

    private JenkinsRule j;
    private Simulator simulator;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        simulator = RenderFixture.startSimulator();
        RenderFixture.configure(j.jenkins, simulator);
    }

    @AfterEach
    void tearDown() {
        simulator.close();
    }

    @Test
    void freestyleBuildRendersArchivesAndShowsTheClip() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("freestyle");
        RenderFixture.writeImage(j.jenkins.getWorkspaceFor(project), "refs/hero.png", Color.ORANGE);
        HappyHorseRenderBuilder builder =
                new HappyHorseRenderBuilder(List.of("refs/hero.png"), "Build ${BUILD_NUMBER}: the hero waves");
        builder.setCredentialsId(CREDENTIALS_ID);
        builder.setOutput("clips/build-${BUILD_NUMBER}.mp4");
        builder.setAspectRatio("1:1");
        project.getBuildersList().add(builder);

        FreeStyleBuild b = j.buildAndAssertSuccess(project);

        j.assertLogContains("Estimated cost: 0.70 USD", b);
        RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "clips/build-1.mp4"));
        assertThat(j.jenkins.getWorkspaceFor(project).child("clips/build-1.mp4").exists())
                .isTrue();
        assertThat(b.getAction(RenderAction.class).getRenders().get(0).getPrompt())
                .isEqualTo("Build 1: the hero waves");
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        RenderFixture.assertSecretAbsent(b, API_KEY);
    }

    @Test
    void freestyleBadInputFailsWithNoRequest() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("freestyle-bad");
        HappyHorseRenderBuilder builder = new HappyHorseRenderBuilder(List.of("nothing/*.png"), "A horse");
        builder.setCredentialsId(CREDENTIALS_ID);
        builder.setDuration(2.0);
        project.getBuildersList().add(builder);

        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("images: nothing/*.png is not allowed (matches no file in the workspace)", b);
        j.assertLogContains("duration: 2 is not allowed", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void freestyleConfigurationRoundTrips() throws Exception {
        HappyHorseRenderBuilder before =
                new HappyHorseRenderBuilder(List.of("refs/*.png", "https://example.com/style.jpg"), "A horse");
        before.setProvider("atlascloud");
        before.setCredentialsId(CREDENTIALS_ID);
        before.setResolution("1080p");
        before.setAspectRatio("4:3");
        before.setDuration(8.0);
        before.setSeed(1234.0);
        before.setOutput("clips/x.mp4");
        before.setArchive(false);
        before.setMaxCost(3.5);
        before.setTimeout(45);
        before.setDryRun(true);

        HappyHorseRenderBuilder after = j.configRoundtrip(before);

        j.assertEqualDataBoundBeans(before, after);
    }
}
