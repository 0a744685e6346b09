package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.happyhorse.pipeline.HappyHorseRenderStep;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The step's form and the Snippet Generator: what goes in comes back out, and who the form serves. */
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
        step.setDuration(8.0);
        step.setSeed(42.0);
        step.setOutput("clips/demo.mp4");
        step.setArchive(false);
        step.setMaxCost(2.5);
        step.setTimeout(20.0);
        step.setDryRun(true);
        step.setWatermark(true);
        step.setModel("happyhorse-1.0-r2v");
        step.setReuse("never");

        HappyHorseRenderStep after = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, after);
    }

    @Test
    void aPredictionIdToCollectSurvivesTheConfigurationForm() throws Exception {
        HappyHorseRenderStep step = new HappyHorseRenderStep();
        step.setPredictionId("3f9c2b");
        step.setProvider("wavespeed");
        step.setCredentialsId(CREDENTIALS_ID);

        HappyHorseRenderStep after = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, after);
        assertThat(after.getImages()).isNull();
        assertThat(after.getPrompt()).isNull();
    }

    @Test
    void defaultsSurviveTheConfigurationForm() throws Exception {
        HappyHorseRenderStep step = new HappyHorseRenderStep(List.of("a.png"), "A horse");

        HappyHorseRenderStep after = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, after);
    }

    @Test
    void formEndPointsServeOnlyThoseWhoMayConfigure() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("job");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.EXTENDED_READ)
                .everywhere()
                .to("extended-reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer"));
        HappyHorseRenderStep.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(HappyHorseRenderStep.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            // A read-only viewer's form still shows the value it has, and only that.
            assertThat(descriptor.doFillProviderItems(project, "atlascloud"))
                    .extracting(option -> option.value)
                    .containsExactly("atlascloud");
            assertThat(descriptor.doFillResolutionItems(project, ""))
                    .extracting(option -> option.name)
                    .containsExactly("(default)");
            assertThat(descriptor.doCheckDuration(project, "20").kind).isEqualTo(FormValidation.Kind.OK);
        }
        // Extended Read (off unless an administrator turns it on) shows a job's form read-only.
        Item.EXTENDED_READ.setEnabled(true);
        try (ACLContext ignored = ACL.as2(User.getById("extended-reader", true).impersonate2())) {
            assertThat(descriptor.doFillProviderItems(project, "atlascloud"))
                    .extracting(option -> option.value)
                    .containsExactly("", "wavespeed", "atlascloud", "modelstudio");
        } finally {
            Item.EXTENDED_READ.setEnabled(false);
        }
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            assertThat(descriptor.doFillProviderItems(project, ""))
                    .extracting(option -> option.value)
                    .containsExactly("", "wavespeed", "atlascloud", "modelstudio");
            assertThat(descriptor.doCheckTimeout(project, "5.5").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(descriptor.doFillReuseItems(project, ""))
                    .extracting(option -> option.value)
                    .containsExactly("", "auto", "always", "never");
            assertThat(descriptor.doCheckPredictionId(project, "../x").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(descriptor.doCheckImages(project, "", "3f9c2b").kind)
                    .as("no images needed to collect a clip")
                    .isEqualTo(FormValidation.Kind.OK);
            assertThat(descriptor.doCheckImages(project, "", "").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(descriptor.doCheckDuration(project, "20").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(descriptor.doCheckDuration(null, "20").kind)
                    .as("the Snippet Generator outside a job, for someone who may configure jobs")
                    .isEqualTo(FormValidation.Kind.ERROR);
        }
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
        full.setDuration(8.0);
        full.setArchive(false);
        full.setMaxCost(1.5);
        full.setReuse("always");
        snippets.assertRoundTrip(
                full,
                "happyHorseRender archive: false, aspectRatio: '9:16', credentialsId: '" + CREDENTIALS_ID
                        + "', duration: 8, images: ['assets/*.png', 'https://example.com/style.jpg'], maxCost: 1.5,"
                        + " prompt: 'A horse', reuse: 'always'");

        HappyHorseRenderStep collect = new HappyHorseRenderStep();
        collect.setPredictionId("3f9c2b");
        collect.setProvider("atlascloud");
        snippets.assertRoundTrip(collect, "happyHorseRender predictionId: '3f9c2b', provider: 'atlascloud'");
    }

    /** The Snippet Generator lists the render step once: the freestyle build step is not a Pipeline step. */
    @Test
    void theSnippetGeneratorListsTheStepOnce() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "snippets");
        JenkinsRule.WebClient web = j.createWebClient();
        web.getOptions().setJavaScriptEnabled(false);

        String page = web.getPage(p, "pipeline-syntax/").getWebResponse().getContentAsString();

        Matcher options = Pattern.compile("<option[^>]*>([^<]*)</option>").matcher(page);
        List<String> ours = new ArrayList<>();
        while (options.find()) {
            if (options.group(1).contains("HappyHorse") || options.group(1).contains("happyHorse")) {
                ours.add(options.group(1).trim());
            }
        }
        assertThat(ours).containsExactly("happyHorseRender: Render a video clip with HappyHorse");
    }
}
