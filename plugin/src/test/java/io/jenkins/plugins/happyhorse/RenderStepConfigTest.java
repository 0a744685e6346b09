package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import io.jenkins.plugins.happyhorse.pipeline.HappyHorseRenderStep;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The step's form and the Snippet Generator: what goes in comes back out. */
@WithJenkins
class RenderStepConfigTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        RenderFixture.addCredentials(
                j.jenkins,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, CREDENTIALS_ID, "key", Secret.fromString(RenderFixture.API_KEY)));
    }

    @Test
    void everyFieldSurvivesTheConfigurationForm() throws Exception {
        HappyHorseRenderStep step =
                new HappyHorseRenderStep(List.of("assets/*.png", "https://example.com/style.jpg"), "A horse");
        step.setProvider("atlascloud");
        step.setCredentialsId(CREDENTIALS_ID);
        step.setResolution("1080p");
        step.setAspectRatio("9:16");
        step.setDuration(8);
        step.setSeed(42);
        step.setOutput("clips/demo.mp4");
        step.setArchive(false);
        step.setMaxCost(2.5);
        step.setTimeout(20);
        step.setDryRun(true);

        HappyHorseRenderStep after = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, after);
    }

    @Test
    void defaultsSurviveTheConfigurationForm() throws Exception {
        HappyHorseRenderStep step = new HappyHorseRenderStep(List.of("a.png"), "A horse");

        HappyHorseRenderStep after = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, after);
    }

    @Test
    void snippetGeneratorWritesOnlyWhatDiffersFromTheDefaults() throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(j);
        HappyHorseRenderStep minimal = new HappyHorseRenderStep(List.of("assets/product.png"), "A horse");
        snippets.assertRoundTrip(minimal, "happyHorseRender images: ['assets/product.png'], prompt: 'A horse'");

        HappyHorseRenderStep full =
                new HappyHorseRenderStep(List.of("assets/*.png", "https://example.com/style.jpg"), "A horse");
        full.setAspectRatio("9:16");
        full.setCredentialsId(CREDENTIALS_ID);
        full.setDuration(8);
        full.setArchive(false);
        full.setMaxCost(1.5);
        snippets.assertRoundTrip(
                full,
                "happyHorseRender archive: false, aspectRatio: '9:16', credentialsId: '" + CREDENTIALS_ID
                        + "', duration: 8, images: ['assets/*.png', 'https://example.com/style.jpg'], maxCost: 1.5,"
                        + " prompt: 'A horse'");
    }
}
