package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;

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
}
