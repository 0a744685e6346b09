package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import javax.imageio.ImageIO;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Alibaba Model Studio as the step's host against the in-process simulator: a render in the region
 * of the global configuration (local images through the host's temporary storage, no watermark
 * unless asked for), a watermark refused on a host that cannot draw one, and the region's form
 * check.
 */
@WithJenkins
class ModelStudioRenderTest {

    private JenkinsRule j;
    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        simulator = RenderFixture.startSimulator(clock);
        RenderFixture.configure(j.jenkins, simulator, clock);
        HappyHorseConfiguration.get()
                .setModelStudioRegion(simulator.modelStudioBaseUrl().toString());
    }

    @AfterEach
    void tearDown() {
        clock.release();
        simulator.close();
    }

    @Test
    void rendersOnModelStudioInTheConfiguredRegionWithoutAWatermark() throws Exception {
        WorkflowRun b = render("modelstudio-plain", "provider: 'modelstudio', duration: 3");

        j.assertBuildStatusSuccess(b);
        j.assertLogContains("[HappyHorse] Done: Model Studio prediction", b);
        j.assertLogContains("provider=modelstudio cost=0.42", b);
        assertThat(simulator.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(simulator.stats().submissions()).isEqualTo(1);
        assertThat(simulator.stats().storageUploads())
                .as("the workspace image through temporary storage")
                .isEqualTo(1);
        assertThat(simulator.jobs().get(0).input().at("/parameters/watermark").asBoolean(true))
                .as("watermark sent to Model Studio")
                .isFalse();
        RenderStepTest.assertIsMp4(RenderFixture.artifact(b, "happyhorse/clip-1.mp4"));
        assertThat(simulator.stats().storageAuthorizations())
                .as("Authorization headers that reached the storage origin")
                .isEmpty();
        j.assertLogNotContains(API_KEY, b);
        RenderFixture.assertSecretAbsent(b, API_KEY);
    }

    @Test
    void watermarkAndModelAreSentToModelStudio() throws Exception {
        WorkflowRun b =
                render("modelstudio-marked", "provider: 'modelstudio', watermark: true, model: 'happyhorse-1.0-r2v'");

        j.assertBuildStatusSuccess(b);
        assertThat(simulator.jobs()).hasSize(1);
        assertThat(simulator.jobs().get(0).input().at("/parameters/watermark").asBoolean(false))
                .as("watermark sent to Model Studio")
                .isTrue();
        assertThat(simulator.jobs().get(0).parameters().model()).isEqualTo("happyhorse-1.0-r2v");
    }

    @Test
    void watermarkIsRefusedOnWaveSpeedBeforeAnyRequest() throws Exception {
        WorkflowRun b = render("wavespeed-marked", "provider: 'wavespeed', watermark: true");

        j.assertBuildStatus(Result.FAILURE, b);
        j.assertLogContains("watermark: true is not allowed", b);
        j.assertLogContains("WaveSpeed cannot draw a watermark on the clip", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void aModelStudioModelIsRefusedOnWaveSpeedBeforeAnyRequest() throws Exception {
        WorkflowRun b = render("wavespeed-model", "provider: 'wavespeed', model: 'happyhorse-1.0-r2v'");

        j.assertBuildStatus(Result.FAILURE, b);
        j.assertLogContains("model: happyhorse-1.0-r2v is not allowed", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void theRegionFormCheckNamesABadValueAndWhatIsAllowed() {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();

        FormValidation bad = config.doCheckModelStudioRegion("atlantis");
        FormValidation plainHttp = config.doCheckModelStudioRegion("http://dashscope.example.com/api/v1");

        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage())
                .contains("modelStudioRegion: atlantis is not allowed")
                .contains("singapore, beijing");
        assertThat(plainHttp.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckModelStudioRegion("beijing").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckModelStudioRegion("https://ws-1a2b.cn-beijing.maas.aliyuncs.com").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckModelStudioRegion("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckModelStudioRegion(
                                simulator.modelStudioBaseUrl().toString())
                        .kind)
                .as("plain http to this machine: a warning")
                .isEqualTo(FormValidation.Kind.WARNING);
    }

    @Test
    void aBadRegionInTheConfigurationFailsTheRenderNamingItBeforeAnyRequest() throws Exception {
        HappyHorseConfiguration.get().setModelStudioRegion("atlantis");

        WorkflowRun b = render("bad-region", "provider: 'modelstudio'");

        j.assertBuildStatus(Result.FAILURE, b);
        j.assertLogContains("Model Studio region is not a region or an API base URL: atlantis", b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    /** Runs a render of one workspace image large enough for every host, with {@code settings}. */
    private WorkflowRun render(String name, String settings) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        FilePath workspace = j.jenkins.getWorkspaceFor(p);
        writeLargeImage(workspace.child("product.png"));
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  def clip = happyHorseRender(images: ['product.png'], prompt: 'A product turns slowly',\n"
                        + "      credentialsId: '" + CREDENTIALS_ID + "', " + settings + ")\n"
                        + "  echo \"provider=${clip.provider} cost=${clip.cost}\"\n"
                        + "}",
                true));
        return p.scheduleBuild2(0).get();
    }

    /** A 480×400 PNG: Model Studio refuses an image whose short side is under 400 pixels. */
    static void writeLargeImage(FilePath file) throws Exception {
        BufferedImage image = new BufferedImage(480, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.ORANGE);
            g.fillRect(0, 0, 480, 400);
        } finally {
            g.dispose();
        }
        try (OutputStream out = file.write()) {
            ImageIO.write(image, "png", out);
        }
    }
}
