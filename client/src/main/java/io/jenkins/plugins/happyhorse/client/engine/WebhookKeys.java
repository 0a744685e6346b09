package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.provider.HostWebhooks;
import io.jenkins.plugins.happyhorse.client.provider.SignatureCheck;
import io.jenkins.plugins.happyhorse.client.provider.SigningKeys;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookDelivery;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The hosts' signing keys, fetched when a callback first needs them and kept: WaveSpeed's secret
 * per API key (fetched with that key), Atlas Cloud's published key set per host. When a signature
 * does not match and the host's keys may have changed, they are fetched once more and the
 * signature checked once more; never more often than every {@link #MIN_REFRESH}, so that forged
 * callbacks cannot make the engine hammer the host. Concurrent callbacks share one fetch. Key
 * material is never logged: neither the cache nor its entries print it. Thread-safe.
 */
final class WebhookKeys {
    /** The shortest time between two fetches of the same keys. */
    static final Duration MIN_REFRESH = Duration.ofSeconds(30);
    /** The most key sets kept (one per API key in use for WaveSpeed). */
    static final int MAX_SCOPES = 64;

    private final EngineScheduler clock;
    private final Map<Scope, Entry> entries = new Recent();

    /** Whose keys: a host, and the API key when the host keeps keys per account (its toString masks it). */
    private record Scope(ProviderId host, ApiKey key) {}

    private record Entry(CompletableFuture<SigningKeys> keys, Instant fetchedAt) {}

    /** The key sets used last, at most {@value #MAX_SCOPES}; the least recently used goes first. */
    private static final class Recent extends LinkedHashMap<Scope, Entry> {
        private static final long serialVersionUID = 1L;

        Recent() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Scope, Entry> eldest) {
            return size() > MAX_SCOPES;
        }
    }

    WebhookKeys(EngineScheduler clock) {
        this.clock = clock;
    }

    /**
     * Checks the signature of {@code delivery} with the host's keys, fetching them through a
     * session {@code session} opens (with {@code key}) when they are not known yet or may have
     * changed. Never completes exceptionally.
     */
    CompletableFuture<SignatureCheck> verify(
            ProviderId host,
            HostWebhooks hooks,
            ApiKey key,
            Supplier<HostSession> session,
            WebhookEnvelope envelope,
            WebhookDelivery delivery) {
        Scope scope = new Scope(host, hooks.keysPerAccount() ? key : null);
        Entry entry;
        boolean fetchedNow = false;
        synchronized (entries) {
            entry = entries.get(scope);
            if (entry == null || (failed(entry) && mayRefresh(entry))) {
                entry = fetch(scope, hooks, session);
                fetchedNow = true;
            }
        }
        Entry used = entry;
        boolean fresh = fetchedNow;
        return check(hooks, used, envelope, delivery).thenCompose(first -> {
            if (first.isGenuine() || !first.freshKeysMightHelp() || fresh) {
                return CompletableFuture.completedFuture(first);
            }
            Entry newer;
            synchronized (entries) {
                Entry current = entries.get(scope);
                if (current != null && current != used) {
                    newer = current; // someone fetched them again meanwhile
                } else if (mayRefresh(used)) {
                    newer = fetch(scope, hooks, session);
                } else {
                    return CompletableFuture.completedFuture(first);
                }
            }
            return check(hooks, newer, envelope, delivery);
        });
    }

    /** How many key sets are kept. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private CompletableFuture<SignatureCheck> check(
            HostWebhooks hooks, Entry entry, WebhookEnvelope envelope, WebhookDelivery delivery) {
        return entry.keys().handle((keys, error) -> {
            if (error != null) {
                return SignatureCheck.refused(
                        WebhookRefusal.KEY_UNAVAILABLE,
                        "the host's signing keys could not be fetched ("
                                + Failures.unwrap(error).getClass().getSimpleName() + ")");
            }
            try {
                return hooks.verify(keys, envelope, delivery);
            } catch (RuntimeException e) {
                return SignatureCheck.refused(
                        WebhookRefusal.BAD_SIGNATURE,
                        "the signature could not be checked (" + e.getClass().getSimpleName() + ")");
            }
        });
    }

    /** Starts a fetch and keeps it as the scope's entry; called holding the lock. */
    private Entry fetch(Scope scope, HostWebhooks hooks, Supplier<HostSession> session) {
        CompletableFuture<SigningKeys> keys;
        try {
            keys = hooks.fetchKeys(session.get());
        } catch (RuntimeException e) {
            keys = CompletableFuture.failedFuture(e);
        }
        Entry entry = new Entry(keys, clock.now());
        entries.put(scope, entry);
        return entry;
    }

    private boolean mayRefresh(Entry entry) {
        return !clock.now().isBefore(entry.fetchedAt().plus(MIN_REFRESH));
    }

    private static boolean failed(Entry entry) {
        return entry.keys().isCompletedExceptionally();
    }
}
