package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The callbacks accepted lately, by id and by signed message, each kept until its timestamp leaves
 * the freshness window: a replay after that is refused as stale anyway, so memory stays bounded by
 * the callbacks of one window (and by a hard cap). Only verified callbacks are recorded, so a
 * forger cannot fill it or spoil the id of a genuine callback yet to come. Thread-safe.
 */
final class ReplayGuard {
    /** The most entries kept; beyond it the ones leaving the window soonest go first. */
    static final int MAX_ENTRIES = 100_000;

    private final Duration window;
    private final Map<String, Instant> expiries = new HashMap<>();
    private final PriorityQueue<Expiry> queue = new PriorityQueue<>();

    private record Expiry(Instant at, String key) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            return at.compareTo(o.at);
        }
    }

    /** @param window how long a timestamp stays fresh */
    ReplayGuard(Duration window) {
        this.window = window;
    }

    /** Whether a callback with this id, or this very signed message, was recorded and is still fresh. */
    synchronized boolean seen(WebhookEnvelope e, Instant now) {
        purge(now);
        return expiries.containsKey(idKey(e)) || expiries.containsKey(e.replayKey());
    }

    /** Records an accepted callback; false when it was recorded already (a replay raced it). */
    synchronized boolean record(WebhookEnvelope e, Instant now) {
        purge(now);
        String id = idKey(e);
        if (expiries.containsKey(id) || expiries.containsKey(e.replayKey())) {
            return false;
        }
        Instant until = e.timestamp().plus(window);
        for (String key : new String[] {id, e.replayKey()}) {
            expiries.put(key, until);
            queue.add(new Expiry(until, key));
        }
        while (expiries.size() > MAX_ENTRIES) {
            Expiry oldest = queue.poll();
            if (oldest == null) {
                break;
            }
            expiries.remove(oldest.key(), oldest.at());
        }
        return true;
    }

    /** How many ids and messages are remembered now. */
    synchronized int size() {
        return expiries.size();
    }

    private void purge(Instant now) {
        while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
            Expiry e = queue.poll();
            expiries.remove(e.key(), e.at());
        }
    }

    private static String idKey(WebhookEnvelope e) {
        return e.job().provider().id() + "#" + e.webhookId();
    }
}
