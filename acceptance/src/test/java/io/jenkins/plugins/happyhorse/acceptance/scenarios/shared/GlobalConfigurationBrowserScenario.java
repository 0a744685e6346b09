package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.browser.Browser;
import io.jenkins.plugins.happyhorse.acceptance.browser.GlobalConfigurationView;
import io.jenkins.plugins.happyhorse.acceptance.harness.JenkinsController;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.HappyHorseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Scenario 15: the plugin's section of Manage Jenkins » System in headless Chromium. A field
 * check shows its message for a bad base URL; base URLs and a default credential entered there
 * are saved and still shown after a reload (and are what the controller now uses).
 */
public abstract class GlobalConfigurationBrowserScenario {
    protected abstract Testbed bed();

    @Test
    void savedBaseUrlsAndDefaultCredentialAreKeptAndAFieldCheckShowsItsMessage(TestReporter reporter) throws Exception {
        Testbed bed = bed();
        String waveSpeed = bed.simulator().waveSpeedBaseUrl().toString();
        String atlas = bed.simulator().atlasCloudBaseUrl().toString();
        HappyHorseSettings settings = new HappyHorseSettings(bed.jenkins().scriptConsole());
        // Start from empty fields, so that what is found after the reload was saved by the form.
        settings.set("waveSpeedBaseUrl", null)
                .set("atlasCloudBaseUrl", null)
                .set("defaultCredentialsId", null)
                .apply();

        try (Browser browser = Browser.start(bed.environment().workDir().resolve("browser-15"), bed.reports())) {
            browser.signIn(
                    bed.jenkins().url(), JenkinsController.ADMIN, bed.jenkins().adminPassword());
            GlobalConfigurationView page = new GlobalConfigurationView(
                            browser, bed.jenkins().url())
                    .open()
                    .showHostsAndPrices();

            page.type("waveSpeedBaseUrl", "ftp://api.example.invalid");
            String message = page.awaitCheckMessage("waveSpeedBaseUrl", "Not a usable API base URL");
            page.type("waveSpeedBaseUrl", waveSpeed)
                    .type("atlasCloudBaseUrl", atlas)
                    .chooseDefaultCredential(Testbed.CREDENTIALS_ID);
            Path before = browser.screenshot("scenario-15-global-configuration");
            page.save();

            GlobalConfigurationView reloaded = new GlobalConfigurationView(
                            browser, bed.jenkins().url())
                    .open()
                    .showHostsAndPrices();
            String keptWaveSpeed = reloaded.value("waveSpeedBaseUrl");
            String keptAtlas = reloaded.value("atlasCloudBaseUrl");
            String keptCredential = reloaded.defaultCredential();
            Path after = browser.screenshot("scenario-15-global-configuration-reloaded");
            List<String> pluginErrors = browser.consoleErrors().stream()
                    .filter(e -> e.toLowerCase(java.util.Locale.ROOT).contains("happyhorse"))
                    .toList();
            String seen = "check message \"" + message + "\"; after reload waveSpeedBaseUrl=" + keptWaveSpeed
                    + " atlasCloudBaseUrl=" + keptAtlas + " defaultCredentialsId=" + keptCredential
                    + "; console errors from the plugin " + pluginErrors + "; screenshots " + before + ", " + after;
            reporter.publishEntry("scenario 15 browser", seen);
            System.out.println("Scenario 15, the global configuration in Chromium: " + seen);
            Files.writeString(bed.reports().resolve("scenario-15-browser.txt"), seen + "\n", StandardCharsets.UTF_8);

            assertThat(message).contains("ftp://api.example.invalid");
            assertThat(keptWaveSpeed).isEqualTo(waveSpeed);
            assertThat(keptAtlas).isEqualTo(atlas);
            assertThat(keptCredential).isEqualTo(Testbed.CREDENTIALS_ID);
            assertThat(pluginErrors).isEmpty();
        } finally {
            // Whatever happened in the browser, later scenarios render against the simulator.
            settings.set("waveSpeedBaseUrl", waveSpeed)
                    .set("atlasCloudBaseUrl", atlas)
                    .apply();
        }
        assertThat(settings.get("defaultCredentialsId")).isEqualTo(Testbed.CREDENTIALS_ID);
        assertThat(settings.get("waveSpeedBaseUrl")).isEqualTo(waveSpeed);
    }
}
