package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.admission.AdmissionGate;
import io.jenkins.plugins.happyhorse.client.admission.AdmissionPolicy;
import io.jenkins.plugins.happyhorse.client.admission.ThrottleBackoff;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's admission gates, one per host account (host, base URL and key: what a host's
 * limits apply to), made on first use from the policy the caller configured for that host. With
 * no policy, renders are not gated; a 429 on the submit is waited out either way, with the
 * engine's {@link ThrottleBackoff}.
 */
final class HostAdmission {
    private final Map<ProviderId, AdmissionPolicy> policies;
    private final ThrottleBackoff backoff;
    private final Map<Account, AdmissionGate> gates = new ConcurrentHashMap<>();

    HostAdmission(Map<ProviderId, AdmissionPolicy> policies, ThrottleBackoff backoff) {
        this.policies = Map.copyOf(policies);
        this.backoff = backoff;
    }

    /** The gate of {@code provider}'s account for {@code key}, or null when its renders are not gated. */
    AdmissionGate gate(Provider provider, ApiKey key) {
        AdmissionPolicy policy = policies.get(provider.id());
        if (policy == null || key == null) {
            return null;
        }
        return gates.computeIfAbsent(
                new Account(provider.id(), provider.baseUrl().toString(), key),
                a -> new AdmissionGate(provider.id().displayName(), policy));
    }

    ThrottleBackoff backoff() {
        return backoff;
    }

    List<AdmissionGate.State> states() {
        return gates.values().stream().map(AdmissionGate::state).toList();
    }

    /** A host account; the key only as an identity (it masks itself in {@code toString}). */
    private record Account(ProviderId host, String baseUrl, ApiKey key) {}
}
