package io.jenkins.plugins.happyhorse.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Requests that are never answered ({@code Fault.noReply()}). The exchange is parked without
 * a thread; the connection closes after the hold limit or when the simulator closes, so a
 * client that never gives up cannot keep it forever.
 */
public final class HeldExchanges {
    private final Set<HttpExchange> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private final Duration limit;

    public HeldExchanges(ScheduledExecutorService scheduler, Duration limit) {
        this.scheduler = scheduler;
        this.limit = limit;
    }

    void hold(HttpExchange exchange) {
        held.add(exchange);
        try {
            scheduler.schedule(() -> release(exchange), limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            release(exchange);
        }
    }

    private void release(HttpExchange exchange) {
        if (held.remove(exchange)) {
            exchange.close();
        }
    }

    /** Closes every held connection (without a reply). */
    public void releaseAll() {
        for (HttpExchange exchange : new ArrayList<>(held)) {
            release(exchange);
        }
    }

    /** How many requests are being held now. */
    public int count() {
        return held.size();
    }
}
