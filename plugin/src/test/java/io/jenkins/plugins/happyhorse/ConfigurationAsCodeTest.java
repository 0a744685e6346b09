package io.jenkins.plugins.happyhorse;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import org.junit.jupiter.api.Test;

/** The global configuration as Configuration as Code: YAML in, the same YAML out. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void importsTheGlobalConfiguration(JenkinsConfiguredWithCodeRule j) {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();

        assertThat(config.getDefaultProvider()).isEqualTo("atlascloud");
        assertThat(config.getDefaultCredentialsId()).isEqualTo("atlas-key");
        assertThat(config.getAtlasCloudBaseUrl()).isEqualTo("https://atlas.example.com/api/v1");
        assertThat(config.getWaveSpeedBaseUrl()).isNull();
        assertThat(config.getModelStudioRegion()).isEqualTo("beijing");
        assertThat(config.getDefaultTimeoutMinutes()).isEqualTo(20);
        assertThat(config.getInitialConcurrentRenders()).isEqualTo(1);
        assertThat(config.getMaxConcurrentRenders()).isEqualTo(2);
        assertThat(config.getAtlasCloudPricePerSecond720p()).isEqualTo("0.15");
        assertThat(config.priceSettings().toPriceList()).isNotNull();
        assertThat(config.getMonthlyBudget()).isEqualTo("500");
        assertThat(config.getJobMonthlyBudget()).isEqualTo("60.50");
        assertThat(config.getReuseCopiesMaxMegabytes()).isEqualTo(2048);
        assertThat(config.getReuseCopiesMaxAgeDays()).isEqualTo(14);
        assertThat(config.getWaveSpeedCredentialsId()).isEqualTo("wavespeed-key");
        assertThat(config.getAtlasCloudCredentialsId()).isNull();
        assertThat(config.getModelStudioCredentialsId()).isEqualTo("model-studio-key");
        assertThat(config.getModelStudioPricePerSecond720p()).isEqualTo("0.16");
        assertThat(config.getModelStudioPricePerSecond1080p()).isEqualTo("0.26");
        assertThat(config.renderDefaults().credentialsIdFor(ProviderId.ATLASCLOUD))
                .as("a host without its own falls back to defaultCredentialsId")
                .isEqualTo("atlas-key");
        assertThat(config.renderDefaults().credentialsIdFor(ProviderId.MODELSTUDIO))
                .isEqualTo("model-studio-key");
        assertThat(config.priceSettings()
                        .toPriceList()
                        .estimate(ProviderId.MODELSTUDIO, Resolution.P1080, 5)
                        .usd())
                .isEqualByComparingTo("1.30");
        // Completion by webhook.
        assertThat(config.isWebhooksEnabled()).isTrue();
        assertThat(config.getWebhookUrl()).isEqualTo("https://jenkins.example.com/happyhorse-webhook/");
        assertThat(config.webhookTarget()).hasToString("https://jenkins.example.com/happyhorse-webhook/");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code-before-hosts.yaml")
    void importsAFileWrittenBeforeHostsHadTheirOwnCredentials(JenkinsConfiguredWithCodeRule j) {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();

        assertThat(config.getDefaultCredentialsId()).isEqualTo("wavespeed-key");
        assertThat(config.getWaveSpeedCredentialsId()).isNull();
        assertThat(config.getModelStudioCredentialsId()).isNull();
        for (ProviderId host : ProviderId.values()) {
            assertThat(config.renderDefaults().credentialsIdFor(host)).isEqualTo("wavespeed-key");
        }
        assertThat(config.priceSettings()
                        .toPriceList()
                        .estimate(ProviderId.MODELSTUDIO, Resolution.P720, 5)
                        .usd())
                .as("Model Studio's documented price")
                .isEqualByComparingTo("0.70");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void exportsWhatWasImported(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = getUnclassifiedRoot(context).get("happyHorse");

        String exported = toYamlString(node);

        assertThat(exported)
                .contains("defaultProvider: \"atlascloud\"")
                .contains("defaultCredentialsId: \"atlas-key\"")
                .contains("atlasCloudBaseUrl: \"https://atlas.example.com/api/v1\"")
                .contains("defaultTimeoutMinutes: 20")
                .contains("modelStudioRegion: \"beijing\"")
                .contains("initialConcurrentRenders: 1")
                .contains("maxConcurrentRenders: 2")
                .contains("atlasCloudPricePerSecond720p: \"0.15\"")
                .contains("monthlyBudget: \"500\"")
                .contains("jobMonthlyBudget: \"60.50\"")
                .contains("reuseCopiesMaxMegabytes: 2048")
                .contains("reuseCopiesMaxAgeDays: 14")
                .contains("waveSpeedCredentialsId: \"wavespeed-key\"")
                .contains("modelStudioCredentialsId: \"model-studio-key\"")
                .contains("modelStudioPricePerSecond720p: \"0.16\"")
                .contains("modelStudioPricePerSecond1080p: \"0.26\"")
                .doesNotContain("atlasCloudCredentialsId")
                .contains("webhooksEnabled: true")
                .contains("webhookUrl: \"https://jenkins.example.com/happyhorse-webhook/\"")
                .doesNotContain("waveSpeedBaseUrl");
    }
}
