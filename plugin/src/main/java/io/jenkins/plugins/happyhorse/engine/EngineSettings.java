package io.jenkins.plugins.happyhorse.engine;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.config.PriceSettings;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * What an engine is built from: the hosts' base URLs, the prices and the proxy. Two equal
 * settings make the same engine, so the controller's engine is rebuilt only when they change.
 *
 * @param waveSpeedBaseUrl WaveSpeed's API base URL, or null for the documented one
 * @param atlasCloudBaseUrl Atlas Cloud's API base URL, or null for the documented one
 * @param prices the price overrides
 * @param proxy the proxy, from Jenkins' configuration
 */
record EngineSettings(
        @CheckForNull URI waveSpeedBaseUrl,
        @CheckForNull URI atlasCloudBaseUrl,
        PriceSettings prices,
        ProxySettings proxy) {

    /**
     * The settings in force now.
     *
     * @throws AbortException when an administrator's setting cannot be used; the message names it
     */
    static EngineSettings current(HappyHorseConfiguration config, ProxySettings proxy) throws AbortException {
        PriceSettings prices = config.priceSettings();
        try {
            prices.toPriceList();
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        return new EngineSettings(
                baseUrl(ProviderId.WAVESPEED, "waveSpeedBaseUrl", config.getWaveSpeedBaseUrl()),
                baseUrl(ProviderId.ATLASCLOUD, "atlasCloudBaseUrl", config.getAtlasCloudBaseUrl()),
                prices,
                proxy);
    }

    /** An engine with these settings, on {@code scheduler}. */
    RenderEngine build(EngineScheduler scheduler) {
        RenderEngine.Builder builder = RenderEngine.builder()
                .priceList(priceList())
                .scheduler(scheduler)
                .proxy(proxy);
        if (waveSpeedBaseUrl != null) {
            builder.endpoint(ProviderId.WAVESPEED, waveSpeedBaseUrl);
        }
        if (atlasCloudBaseUrl != null) {
            builder.endpoint(ProviderId.ATLASCLOUD, atlasCloudBaseUrl);
        }
        return builder.build();
    }

    /** The price list in force. */
    PriceList priceList() {
        return prices.toPriceList();
    }

    private static @CheckForNull URI baseUrl(ProviderId provider, String setting, @CheckForNull String text)
            throws AbortException {
        if (text == null) {
            return null;
        }
        try {
            return RenderEngine.checkBaseUrl(provider, new URI(text));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new AbortException(Messages.HappyHorseConfiguration_InvalidUrl(setting, text));
        }
    }
}
