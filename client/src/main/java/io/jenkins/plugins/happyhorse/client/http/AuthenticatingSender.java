package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The only place that attaches the API key: an {@linkplain HttpCall#api API call} gets {@code
 * Authorization: Bearer …} when, and only when, its URL is on the configured API origin; an API
 * call to any other origin is refused without being sent, and a media call never carries the key.
 */
public final class AuthenticatingSender implements Sender {
    private final HttpTransport transport;
    private final Origin apiOrigin;
    private final ApiKey key;
    private final CallScope scope;

    /** @param apiBase the configured API base URL; its origin is the only one that gets the key */
    public AuthenticatingSender(HttpTransport transport, URI apiBase, ApiKey key, CallScope scope) {
        this.transport = transport;
        this.apiOrigin = Origin.of(apiBase);
        this.key = key;
        this.scope = scope;
    }

    @Override
    public CompletableFuture<HttpReply> send(HttpCall call) {
        if (scope.isCancelled()) {
            return scope.refused();
        }
        String authorization = null;
        if (call.api()) {
            if (!Origin.of(call.uri()).equals(apiOrigin)) {
                return CompletableFuture.failedFuture(new ProtocolException("Refused to send the API key to "
                        + Origin.of(call.uri()) + ", which is not the configured API origin " + apiOrigin + "."));
            }
            authorization = "Bearer " + key.reveal();
        }
        return scope.track(transport.exchange(call, authorization));
    }
}
