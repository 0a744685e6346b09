package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.happyhorse.RenderFixture.API_KEY;
import static io.jenkins.plugins.happyhorse.RenderFixture.CREDENTIALS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.FilePath;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A default credential per host in the global configuration, against a simulator where, as with
 * the real hosts, Model Studio accepts only its own key and the resellers only theirs: which key
 * reached which host shows in what each accepted and in the simulator's authentication failures,
 * never by printing a key. The order is the step's {@code credentialsId}, the host's own default,
 * then {@code defaultCredentialsId}; configurations saved before hosts had their own keep working.
 */
@WithJenkins
class PerHostCredentialsTest {

    /** The key Model Studio accepts; WaveSpeed and Atlas Cloud accept {@link RenderFixture#API_KEY}. */
    private static final String MODEL_STUDIO_KEY = "hh-ms-key-3c9e1a7b5d2f4068";

    private static final String WAVESPEED_CREDENTIAL = CREDENTIALS_ID;
    private static final String MODEL_STUDIO_CREDENTIAL = "model-studio-key";

    private JenkinsRule j;
    private Simulator simulator;
    private final SteppedScheduler clock = RenderFixture.newClock();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        simulator = Simulator.builder()
                .apiKey(API_KEY)
                .modelStudioApiKey(MODEL_STUDIO_KEY)
                .clock(clock.clock())
                .seed(7)
                .maxHold(Duration.ofMinutes(2))
                .start();
        RenderFixture.configure(j.jenkins, simulator, clock);
        RenderFixture.addCredentials(
                j.jenkins,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        MODEL_STUDIO_CREDENTIAL,
                        "Model Studio key",
                        Secret.fromString(MODEL_STUDIO_KEY)));
        HappyHorseConfiguration.get()
                .setModelStudioRegion(simulator.modelStudioBaseUrl().toString());
    }

    @AfterEach
    void tearDown() {
        clock.release();
        simulator.close();
    }

    @Test
    void eachHostGetsItsOwnDefaultCredentialInOneController() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setWaveSpeedCredentialsId(WAVESPEED_CREDENTIAL);
        config.setModelStudioCredentialsId(MODEL_STUDIO_CREDENTIAL);

        WorkflowRun onModelStudio = render("on-model-studio", "provider: 'modelstudio'");
        WorkflowRun onWaveSpeed = render("on-wavespeed", "provider: 'wavespeed'");

        j.assertBuildStatusSuccess(onModelStudio);
        j.assertBuildStatusSuccess(onWaveSpeed);
        assertThat(simulator.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(simulator.stats().submissions(Host.WAVESPEED)).isEqualTo(1);
        assertThat(simulator.stats().authenticationFailures())
                .as("requests that carried another host's key")
                .isZero();
        for (WorkflowRun b : new WorkflowRun[] {onModelStudio, onWaveSpeed}) {
            j.assertLogNotContains(API_KEY, b);
            j.assertLogNotContains(MODEL_STUDIO_KEY, b);
            RenderFixture.assertSecretAbsent(b, API_KEY);
            RenderFixture.assertSecretAbsent(b, MODEL_STUDIO_KEY);
        }
    }

    @Test
    void theStepsCredentialsIdComesBeforeTheHostsDefault() throws Exception {
        // The WaveSpeed key as Model Studio's default: used, it would be refused.
        HappyHorseConfiguration.get().setModelStudioCredentialsId(WAVESPEED_CREDENTIAL);

        WorkflowRun b =
                render("step-credential", "provider: 'modelstudio', credentialsId: '" + MODEL_STUDIO_CREDENTIAL + "'");

        j.assertBuildStatusSuccess(b);
        assertThat(simulator.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(simulator.stats().authenticationFailures()).isZero();
    }

    @Test
    void theHostsDefaultComesBeforeTheFallback() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setDefaultCredentialsId(WAVESPEED_CREDENTIAL);
        config.setModelStudioCredentialsId(MODEL_STUDIO_CREDENTIAL);

        WorkflowRun b = render("host-before-fallback", "provider: 'modelstudio'");

        j.assertBuildStatusSuccess(b);
        assertThat(simulator.stats().authenticationFailures()).isZero();
    }

    @Test
    void aHostWithoutItsOwnDefaultFallsBackToDefaultCredentialsId() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setDefaultCredentialsId(WAVESPEED_CREDENTIAL);
        config.setModelStudioCredentialsId(MODEL_STUDIO_CREDENTIAL);

        WorkflowRun b = render("fallback", "provider: 'wavespeed'");

        j.assertBuildStatusSuccess(b);
        assertThat(simulator.stats().submissions(Host.WAVESPEED)).isEqualTo(1);
        assertThat(simulator.stats().authenticationFailures()).isZero();
    }

    /** A config.xml written before hosts had their own credential: its one default still serves. */
    @Test
    void aConfigurationSavedBeforePerHostCredentialsStillRenders() throws Exception {
        String saved = "<?xml version='1.1' encoding='UTF-8'?>\n"
                + "<io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration>\n"
                + "  <defaultProvider>wavespeed</defaultProvider>\n"
                + "  <defaultCredentialsId>" + WAVESPEED_CREDENTIAL + "</defaultCredentialsId>\n"
                + "  <waveSpeedBaseUrl>" + simulator.waveSpeedBaseUrl() + "</waveSpeedBaseUrl>\n"
                + "  <atlasCloudBaseUrl>" + simulator.atlasCloudBaseUrl() + "</atlasCloudBaseUrl>\n"
                + "  <modelStudioRegion>" + simulator.modelStudioBaseUrl() + "</modelStudioRegion>\n"
                + "  <defaultTimeoutMinutes>600</defaultTimeoutMinutes>\n"
                + "  <maxConcurrentRenders>3</maxConcurrentRenders>\n"
                + "  <atlasCloudPricePerSecond720p>0.15</atlasCloudPricePerSecond720p>\n"
                + "</io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration>\n";
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        Files.writeString(
                j.jenkins.getRootDir().toPath().resolve(HappyHorseConfiguration.class.getName() + ".xml"),
                saved,
                StandardCharsets.UTF_8);

        config.load();
        WorkflowRun b = render("saved-before", "provider: 'wavespeed'");

        assertThat(config.getMaxConcurrentRenders()).isEqualTo(3);
        assertThat(config.getAtlasCloudPricePerSecond720p()).isEqualTo("0.15");
        assertThat(config.getWaveSpeedCredentialsId()).isNull();
        assertThat(config.getModelStudioCredentialsId()).isNull();
        assertThat(config.getModelStudioPricePerSecond720p()).isNull();
        assertThat(config.renderDefaults().credentialsIdFor(ProviderId.MODELSTUDIO))
                .isEqualTo(WAVESPEED_CREDENTIAL);
        j.assertBuildStatusSuccess(b);
        assertThat(simulator.stats().submissions(Host.WAVESPEED)).isEqualTo(1);
    }

    @Test
    void aHostWithoutAnyCredentialFailsNamingItAndTheSettingsBeforeAnyRequest() throws Exception {
        HappyHorseConfiguration.get().setWaveSpeedCredentialsId(WAVESPEED_CREDENTIAL);

        WorkflowRun b = render("no-model-studio-key", "provider: 'modelstudio'");

        j.assertBuildStatus(Result.FAILURE, b);
        j.assertLogContains(
                "credentialsId: (empty) is not allowed (no credentials given and no default set in Manage Jenkins"
                        + " » System for Model Studio: set credentialsId on the step, or modelStudioCredentialsId"
                        + " or defaultCredentialsId)",
                b);
        assertThat(RenderFixture.requests(simulator)).isZero();
    }

    @Test
    void aModelStudioPriceOverrideChangesTheEstimateAndTheCostLimit() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setModelStudioCredentialsId(MODEL_STUDIO_CREDENTIAL);
        config.setModelStudioPricePerSecond720p("0.20");

        WorkflowRun priced = render("priced", "provider: 'modelstudio', duration: 3");
        // 0.42 USD at the documented price would pass this limit; 0.60 at the override does not.
        WorkflowRun limited = render("limited", "provider: 'modelstudio', duration: 3, maxCost: 0.5");

        j.assertBuildStatusSuccess(priced);
        assertThat(RenderFixture.lines(priced, "Estimated cost: 0.60 USD")).isEqualTo(1);
        j.assertBuildStatus(Result.FAILURE, limited);
        j.assertLogContains("maxCost: The estimated cost 0.60 USD (", limited);
        assertThat(simulator.stats().submissions(Host.MODELSTUDIO))
                .as("the limited render sent nothing")
                .isEqualTo(1);
    }

    @Test
    void aBadModelStudioPriceIsRefusedNamingTheSettingAndValue() {
        FormValidation bad = HappyHorseConfiguration.get().doCheckModelStudioPricePerSecond1080p("-1");
        FormValidation good = HappyHorseConfiguration.get().doCheckModelStudioPricePerSecond1080p("0.30");

        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage())
                .contains("modelStudioPricePerSecond1080p: -1 is not allowed")
                .contains("an amount in USD of zero or more");
        assertThat(good.kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void aChosenCredentialThatDoesNotExistIsReported() throws Exception {
        RenderFixture.addCredentials(
                j.jenkins,
                new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "userpass", "not a key", "bob", "s3cr3t-password"));
        HappyHorseConfiguration config = HappyHorseConfiguration.get();

        FormValidation missing = config.doCheckModelStudioCredentialsId("no-such-key");
        FormValidation wrongKind = config.doCheckWaveSpeedCredentialsId("userpass");
        FormValidation present = config.doCheckAtlasCloudCredentialsId(WAVESPEED_CREDENTIAL);
        FormValidation fallback = config.doCheckDefaultCredentialsId("no-such-key");

        assertThat(missing.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(missing.getMessage()).contains("No Secret text credential with the id &#039;no-such-key&#039;");
        assertThat(wrongKind.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(wrongKind.getMessage()).contains("Username with password");
        assertThat(present.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(fallback.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(config.doCheckModelStudioCredentialsId("").kind).isEqualTo(FormValidation.Kind.OK);
    }

    /** A render of one workspace image large enough for every host, naming no credential unless told. */
    private WorkflowRun render(String name, String settings) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        FilePath workspace = j.jenkins.getWorkspaceFor(p);
        ModelStudioRenderTest.writeLargeImage(workspace.child("product.png"));
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  happyHorseRender(images: ['product.png'], prompt: 'A product turns slowly', " + settings
                        + ")\n"
                        + "}",
                true));
        return p.scheduleBuild2(0).get();
    }
}
