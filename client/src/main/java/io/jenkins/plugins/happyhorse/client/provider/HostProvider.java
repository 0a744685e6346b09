package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;
import java.util.Objects;

/** What every host's provider has: which host it is and the base URL its paths are appended to. */
abstract class HostProvider implements Provider {
    private final ProviderId id;
    private final URI baseUrl;

    HostProvider(ProviderId id, URI baseUrl) {
        this.id = Objects.requireNonNull(id, "id");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    @Override
    public final ProviderId id() {
        return id;
    }

    @Override
    public final URI baseUrl() {
        return baseUrl;
    }
}
