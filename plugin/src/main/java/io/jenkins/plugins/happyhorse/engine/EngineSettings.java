package io.jenkins.plugins.happyhorse.engine;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.admission.AdmissionPolicy;
import io.jenkins.plugins.happyhorse.client.connection.ModelStudioRegion;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.config.PriceSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.Map;

/**
 * What an engine is built from: the hosts' base URLs, Model Studio's region, the prices, the
 * proxy and how many renders each host account runs at once. Two equal settings make the same engine, so the controller's engine is rebuilt only when
 * they change.
 *
 * @param baseUrls the API base URLs set for hosts; a host not in it uses its documented one
 * @param modelStudioRegion the Model Studio region set, or null for the engine's default (Singapore)
 * @param prices the price overrides
 * @param proxy the proxy, from Jenkins' configuration
 * @param admission how many renders each host account runs at once
 */
record EngineSettings(
        Map<ProviderId, URI> baseUrls,
        @CheckForNull ModelStudioRegion modelStudioRegion,
        PriceSettings prices,
        ProxySettings proxy,
        AdmissionPolicy admission) {

    EngineSettings {
        baseUrls = Map.copyOf(baseUrls);
    }

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
        Map<ProviderId, URI> baseUrls = new EnumMap<>(ProviderId.class);
        for (ProviderId provider : ProviderId.values()) {
            URI url = baseUrl(provider, config.baseUrl(provider));
            if (url != null) {
                baseUrls.put(provider, url);
            }
        }
        return new EngineSettings(
                baseUrls, modelStudioRegion(config.getModelStudioRegion()), prices, proxy, config.admissionPolicy());
    }

    /** An engine with these settings, on {@code scheduler}. */
    RenderEngine build(EngineScheduler scheduler) {
        RenderEngine.Builder builder = RenderEngine.builder()
                .priceList(priceList())
                .scheduler(scheduler)
                .proxy(proxy)
                // Every host account (host and key) gets its own gate: one busy account never holds up another.
                .admission(admission);
        baseUrls.forEach(builder::endpoint);
        if (modelStudioRegion != null) {
            builder.modelStudioRegion(modelStudioRegion);
        }
        return builder.build();
    }

    /** The price list in force. */
    PriceList priceList() {
        return prices.toPriceList();
    }

    private static @CheckForNull ModelStudioRegion modelStudioRegion(@CheckForNull String text) throws AbortException {
        if (text == null) {
            return null;
        }
        return HappyHorseConfiguration.parseModelStudioRegion(text)
                .orElseThrow(() -> new AbortException(
                        Messages.HappyHorseConfiguration_InvalidRegionSetting(text, ModelStudioRegion.ALLOWED)));
    }

    private static @CheckForNull URI baseUrl(ProviderId provider, @CheckForNull String text) throws AbortException {
        if (text == null) {
            return null;
        }
        try {
            return RenderEngine.checkBaseUrl(provider, new URI(text));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new AbortException(
                    Messages.HappyHorseConfiguration_InvalidUrl(provider.displayName() + " API base URL", text));
        }
    }
}
