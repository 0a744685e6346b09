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
        assertThat(config.getMaxConcurrentRenders()).isEqualTo(2);
        assertThat(config.getAtlasCloudPricePerSecond720p()).isEqualTo("0.15");
        assertThat(config.priceSettings().toPriceList()).isNotNull();
        // Completion by webhook.
        assertThat(config.isWebhooksEnabled()).isTrue();
        assertThat(config.getWebhookUrl()).isEqualTo("https://jenkins.example.com/happyhorse-webhook/");
        assertThat(config.webhookTarget()).hasToString("https://jenkins.example.com/happyhorse-webhook/");
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
                .contains("maxConcurrentRenders: 2")
                .contains("atlasCloudPricePerSecond720p: \"0.15\"")
                .contains("webhooksEnabled: true")
                .contains("webhookUrl: \"https://jenkins.example.com/happyhorse-webhook/\"")
                .doesNotContain("waveSpeedBaseUrl");
    }
}
