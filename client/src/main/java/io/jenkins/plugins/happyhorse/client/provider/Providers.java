package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/** The one place that knows which class plays which host: a new host is one more case here. */
public final class Providers {
    private Providers() {}

    /** The provider for {@code id}, talking to {@code baseUrl}. */
    public static Provider create(ProviderId id, URI baseUrl) {
        return switch (id) {
            case WAVESPEED -> new WaveSpeedProvider(baseUrl);
            case ATLASCLOUD -> new AtlasCloudProvider(baseUrl);
            case MODELSTUDIO -> new ModelStudioProvider(baseUrl);
        };
    }

    /** A provider for every host, each talking to its base URL in {@code baseUrls}. */
    public static Map<ProviderId, Provider> create(Map<ProviderId, URI> baseUrls) {
        Map<ProviderId, Provider> all = new EnumMap<>(ProviderId.class);
        for (ProviderId id : ProviderId.values()) {
            all.put(id, create(id, baseUrls.get(id)));
        }
        return all;
    }
}
