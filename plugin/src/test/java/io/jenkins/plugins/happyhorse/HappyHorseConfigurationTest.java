package io.jenkins.plugins.happyhorse;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.pipeline.HappyHorseRenderStep;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticator;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import jenkins.security.QueueItemAuthenticatorDescriptor;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.core.Authentication;

/** The global configuration's form, and who may list credentials. */
@WithJenkins
class HappyHorseConfigurationTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        RenderFixture.addCredentials(
                j.jenkins,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "wavespeed-key", "key", Secret.fromString(RenderFixture.API_KEY)));
    }

    @Test
    void globalConfigurationSurvivesTheForm() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setDefaultProvider("atlascloud");
        config.setDefaultCredentialsId("wavespeed-key");
        config.setWaveSpeedBaseUrl("https://wavespeed.example.com");
        config.setAtlasCloudBaseUrl("https://atlas.example.com/api/v1");
        config.setModelStudioRegion("beijing");
        config.setDefaultTimeoutMinutes(45);
        config.setInitialConcurrentRenders(1);
        config.setMaxConcurrentRenders(2);
        config.setWaveSpeedPricePer5Seconds("0.80");
        config.setWaveSpeed1080pFactor("2.5");
        config.setAtlasCloudPricePerSecond720p("0.15");
        config.setAtlasCloudPricePerSecond1080p("0.25");
        config.setWaveSpeedCredentialsId("wavespeed-key");
        config.setAtlasCloudCredentialsId("atlas-key");
        config.setModelStudioCredentialsId("model-studio-key");
        config.setModelStudioPricePerSecond720p("0.16");
        config.setModelStudioPricePerSecond1080p("0.26");

        j.configRoundtrip();

        HappyHorseConfiguration after = HappyHorseConfiguration.get();
        assertThat(after.getDefaultProvider()).isEqualTo("atlascloud");
        assertThat(after.getDefaultCredentialsId()).isEqualTo("wavespeed-key");
        assertThat(after.getWaveSpeedBaseUrl()).isEqualTo("https://wavespeed.example.com");
        assertThat(after.getAtlasCloudBaseUrl()).isEqualTo("https://atlas.example.com/api/v1");
        assertThat(after.getModelStudioRegion()).isEqualTo("beijing");
        assertThat(after.getDefaultTimeoutMinutes()).isEqualTo(45);
        assertThat(after.getInitialConcurrentRenders()).isEqualTo(1);
        assertThat(after.getMaxConcurrentRenders()).isEqualTo(2);
        assertThat(after.getWaveSpeedPricePer5Seconds()).isEqualTo("0.80");
        assertThat(after.getWaveSpeed1080pFactor()).isEqualTo("2.5");
        assertThat(after.getAtlasCloudPricePerSecond720p()).isEqualTo("0.15");
        assertThat(after.getAtlasCloudPricePerSecond1080p()).isEqualTo("0.25");
        assertThat(after.getWaveSpeedCredentialsId()).isEqualTo("wavespeed-key");
        assertThat(after.getAtlasCloudCredentialsId()).isEqualTo("atlas-key");
        assertThat(after.getModelStudioCredentialsId()).isEqualTo("model-studio-key");
        assertThat(after.getModelStudioPricePerSecond720p()).isEqualTo("0.16");
        assertThat(after.getModelStudioPricePerSecond1080p()).isEqualTo("0.26");
    }

    @Test
    void emptyPerHostCredentialsSurviveTheFormAsEmpty() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setDefaultCredentialsId("wavespeed-key");

        j.configRoundtrip();

        HappyHorseConfiguration after = HappyHorseConfiguration.get();
        assertThat(after.getDefaultCredentialsId()).isEqualTo("wavespeed-key");
        assertThat(after.getWaveSpeedCredentialsId()).isNull();
        assertThat(after.getAtlasCloudCredentialsId()).isNull();
        assertThat(after.getModelStudioCredentialsId()).isNull();
        assertThat(after.getModelStudioPricePerSecond720p()).isNull();
    }

    @Test
    void configurationIsKeptAcrossReload() {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setMaxConcurrentRenders(3);
        config.setDefaultCredentialsId("wavespeed-key");
        config.setModelStudioCredentialsId("model-studio-key");
        config.setModelStudioPricePerSecond1080p("0.30");

        HappyHorseConfiguration reloaded = new HappyHorseConfiguration();

        assertThat(reloaded.getMaxConcurrentRenders()).isEqualTo(3);
        assertThat(reloaded.getDefaultCredentialsId()).isEqualTo("wavespeed-key");
        assertThat(reloaded.getModelStudioCredentialsId()).isEqualTo("model-studio-key");
        assertThat(reloaded.getModelStudioPricePerSecond1080p()).isEqualTo("0.30");
    }

    @Test
    void aSavedConfigurationFromBeforeAdaptiveConcurrencyKeepsItsCapAsTheMost() {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setMaxConcurrentRenders(4);

        HappyHorseConfiguration reloaded = new HappyHorseConfiguration();

        assertThat(reloaded.getInitialConcurrentRenders())
                .isEqualTo(HappyHorseConfiguration.DEFAULT_INITIAL_CONCURRENT_RENDERS);
        assertThat(reloaded.admissionPolicy().max()).isEqualTo(4);
        assertThat(reloaded.admissionPolicy().initial()).isEqualTo(3);
    }

    @Test
    void aStartAboveTheMostIsWarnedAboutAndStartsAtTheMost() {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setInitialConcurrentRenders(8);
        config.setMaxConcurrentRenders(5);

        assertThat(config.admissionPolicy().initial()).isEqualTo(5);
        assertThat(config.doCheckInitialConcurrentRenders("8", "5").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(config.doCheckInitialConcurrentRenders("8", "5").getMessage())
                .contains("start at 8")
                .contains("at most 5");
        assertThat(config.doCheckInitialConcurrentRenders("two", "5").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void credentialsAreListedOnlyToThoseWhoMayConfigure() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("job");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.READ, Item.READ, CredentialsProvider.USE_ITEM)
                .everywhere()
                .to("user"));
        HappyHorseRenderStep.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(HappyHorseRenderStep.DescriptorImpl.class);

        ListBoxModel forReader;
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            forReader = descriptor.doFillCredentialsIdItems(project, "current-id");
        }
        ListBoxModel forConfigurer;
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            forConfigurer = descriptor.doFillCredentialsIdItems(project, "");
        }
        ListBoxModel forUser;
        try (ACLContext ignored = ACL.as2(User.getById("user", true).impersonate2())) {
            forUser = descriptor.doFillCredentialsIdItems(project, "");
        }
        ListBoxModel globalForConfigurer;
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            globalForConfigurer = HappyHorseConfiguration.get().doFillDefaultCredentialsIdItems("");
        }
        ListBoxModel globalForAdmin;
        ListBoxModel perHostForAdmin;
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            globalForAdmin = HappyHorseConfiguration.get().doFillDefaultCredentialsIdItems("");
            perHostForAdmin = HappyHorseConfiguration.get().doFillModelStudioCredentialsIdItems("");
        }
        ListBoxModel perHostForConfigurer;
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            perHostForConfigurer = HappyHorseConfiguration.get().doFillWaveSpeedCredentialsIdItems("");
        }

        assertThat(forReader).extracting(option -> option.value).containsExactly("current-id");
        assertThat(forConfigurer).extracting(option -> option.value).contains("wavespeed-key");
        assertThat(forUser)
                .as("someone who may use the job's credentials")
                .extracting(option -> option.value)
                .contains("wavespeed-key");
        assertThat(globalForConfigurer).extracting(option -> option.value).doesNotContain("wavespeed-key");
        assertThat(globalForAdmin).extracting(option -> option.value).contains("wavespeed-key");
        assertThat(perHostForAdmin).extracting(option -> option.value).contains("wavespeed-key");
        assertThat(perHostForConfigurer).extracting(option -> option.value).doesNotContain("wavespeed-key");
    }

    /**
     * The list holds what the job's builds could use: it is computed as the job's builds run (here
     * as a user, to whom the controller's own credentials are not available), not as the system.
     */
    @Test
    void credentialListsAreWhatTheItemsBuildsCouldUse() throws Exception {
        FreeStyleProject asSystem = j.createFreeStyleProject("as-system");
        FreeStyleProject asBob = j.createFreeStyleProject("as-bob");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(new RunsAs("as-bob", "bob"));
        HappyHorseRenderStep.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(HappyHorseRenderStep.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(descriptor.doFillCredentialsIdItems(asSystem, ""))
                    .extracting(option -> option.value)
                    .contains("wavespeed-key");
            assertThat(descriptor.doFillCredentialsIdItems(asBob, ""))
                    .as("credentials of the controller, which builds running as bob cannot use")
                    .extracting(option -> option.value)
                    .doesNotContain("wavespeed-key");
        }
    }

    /** Builds of one job run as one user (what the Authorize Project plugin does). */
    static final class RunsAs extends QueueItemAuthenticator {
        private final String job;
        private final String user;

        RunsAs(String job, String user) {
            this.job = job;
            this.user = user;
        }

        @Override
        public Authentication authenticate2(Queue.Task task) {
            return task instanceof Item item && item.getFullName().equals(job)
                    ? User.getById(user, true).impersonate2()
                    : null;
        }

        @Override
        public Authentication authenticate2(Queue.Item item) {
            return authenticate2(item.task);
        }

        @TestExtension("credentialListsAreWhatTheItemsBuildsCouldUse")
        public static final class DescriptorImpl extends QueueItemAuthenticatorDescriptor {}
    }
}
