package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.HttpTransport;
import io.jenkins.plugins.happyhorse.client.http.RateGate;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the engine's conversations with the hosts, and keeps each account's rate limits (job
 * queries, upload preparations) shared by all its renders: a host's limit is per account, not
 * per render. Accounts are told apart by key fingerprint.
 */
final class HostSessions {
    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;
    private final EngineScheduler scheduler;
    private final Map<SubmitLedger.Account, HostSession.Limits> limits = new ConcurrentHashMap<>();

    HostSessions(HttpTransport transport, RetryPolicy retryPolicy, EngineScheduler scheduler) {
        this.transport = transport;
        this.retryPolicy = retryPolicy;
        this.scheduler = scheduler;
    }

    /** A conversation with {@code provider}'s host that retries until {@code deadline}. */
    HostSession open(Provider provider, ApiKey key, Instant deadline) {
        HostSession.Limits shared = provider.queriesPerSecond() <= 0 && provider.uploadsPerSecond() <= 0
                ? HostSession.Limits.NONE
                : limits.computeIfAbsent(
                        SubmitLedger.Account.of(provider, key),
                        account -> new HostSession.Limits(
                                new RateGate(provider.queriesPerSecond(), scheduler),
                                new RateGate(provider.uploadsPerSecond(), scheduler)));
        return new HostSession(
                transport,
                provider.id().displayName(),
                provider.baseUrl(),
                key,
                retryPolicy,
                scheduler,
                deadline,
                shared);
    }
}
