package io.jenkins.plugins.happyhorse;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.pipeline.HappyHorseRenderStep;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

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
        config.setDefaultTimeoutMinutes(45);
        config.setMaxConcurrentRenders(2);
        config.setWaveSpeedPricePer5Seconds("0.80");
        config.setWaveSpeed1080pFactor("2.5");
        config.setAtlasCloudPricePerSecond720p("0.15");
        config.setAtlasCloudPricePerSecond1080p("0.25");

        j.configRoundtrip();

        HappyHorseConfiguration after = HappyHorseConfiguration.get();
        assertThat(after.getDefaultProvider()).isEqualTo("atlascloud");
        assertThat(after.getDefaultCredentialsId()).isEqualTo("wavespeed-key");
        assertThat(after.getWaveSpeedBaseUrl()).isEqualTo("https://wavespeed.example.com");
        assertThat(after.getAtlasCloudBaseUrl()).isEqualTo("https://atlas.example.com/api/v1");
        assertThat(after.getDefaultTimeoutMinutes()).isEqualTo(45);
        assertThat(after.getMaxConcurrentRenders()).isEqualTo(2);
        assertThat(after.getWaveSpeedPricePer5Seconds()).isEqualTo("0.80");
        assertThat(after.getWaveSpeed1080pFactor()).isEqualTo("2.5");
        assertThat(after.getAtlasCloudPricePerSecond720p()).isEqualTo("0.15");
        assertThat(after.getAtlasCloudPricePerSecond1080p()).isEqualTo("0.25");
    }

    @Test
    void configurationIsKeptAcrossReload() {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setMaxConcurrentRenders(3);
        config.setDefaultCredentialsId("wavespeed-key");

        HappyHorseConfiguration reloaded = new HappyHorseConfiguration();

        assertThat(reloaded.getMaxConcurrentRenders()).isEqualTo(3);
        assertThat(reloaded.getDefaultCredentialsId()).isEqualTo("wavespeed-key");
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
                .to("configurer"));
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
        ListBoxModel globalForConfigurer;
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            globalForConfigurer = HappyHorseConfiguration.get().doFillDefaultCredentialsIdItems("");
        }
        ListBoxModel globalForAdmin;
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            globalForAdmin = HappyHorseConfiguration.get().doFillDefaultCredentialsIdItems("");
        }

        assertThat(forReader).extracting(option -> option.value).containsExactly("current-id");
        assertThat(forConfigurer).extracting(option -> option.value).contains("wavespeed-key");
        assertThat(globalForConfigurer).extracting(option -> option.value).doesNotContain("wavespeed-key");
        assertThat(globalForAdmin).extracting(option -> option.value).contains("wavespeed-key");
    }
}
