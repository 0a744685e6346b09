package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A host's limit of requests per second, kept for every render of one engine that talks to one
 * account: a request is sent only while fewer than {@code perSecond} requests are in flight or
 * were answered within the last {@link #WINDOW}; any other waits, as a queued task, never a
 * thread, and goes when a reply frees a slot or a slot's window has passed.
 *
 * <p>Why in flight and answered, rather than sent: the host counts a request when it receives
 * it, which is some time after it was sent and before its reply arrives. Counting each request
 * from its sending to one second after its reply is therefore never less than what the host
 * counts, whatever the network (or a stepped test clock) does in between, so a host that allows
 * {@code perSecond} requests in any second never refuses one of them for the rate. The window is
 * a tenth of a second longer than that second, for the host's clock, which is not this engine's
 * and may count in coarser steps. Requests are served in the order they asked. Thread-safe.
 */
public final class RateGate {
    /** How long an answered request keeps its slot: the host's second, and a margin for its clock. */
    static final Duration WINDOW = Duration.ofMillis(1100);

    private final int perSecond;
    private final EngineScheduler scheduler;
    private final Object lock = new Object();
    /** Requests admitted and not answered yet. Guarded by {@link #lock}. */
    private int inFlight;
    /** When recent requests were answered, oldest first. Guarded by {@link #lock}. */
    private final ArrayDeque<Instant> answered = new ArrayDeque<>();
    /** Requests waiting for a slot, in order. Guarded by {@link #lock}. */
    private final ArrayDeque<Gated<?>> waiting = new ArrayDeque<>();
    /** The pending wake-up for when the oldest answer leaves the window. Guarded by {@link #lock}. */
    private Cancellable wake;

    private Instant wakeAt;

    /**
     * @param perSecond requests allowed in any second; 0 or less lets everything through at once
     * @param scheduler the engine's clock and timer
     */
    public RateGate(int perSecond, EngineScheduler scheduler) {
        this.perSecond = perSecond;
        this.scheduler = scheduler;
    }

    /** A gate that never makes anything wait. */
    public static RateGate unlimited() {
        return new RateGate(0, null);
    }

    /** Requests allowed per second, 0 when unlimited. */
    public int perSecond() {
        return Math.max(0, perSecond);
    }

    /**
     * Sends {@code send} as soon as the limit allows; the returned future completes as the sent
     * one does. Cancelling it while it waits gives up its turn; once sent, it cancels the exchange.
     */
    public <T> CompletableFuture<T> through(Supplier<CompletableFuture<T>> send) {
        if (perSecond <= 0) {
            return send.get();
        }
        Gated<T> gated = new Gated<>(send);
        boolean now;
        synchronized (lock) {
            prune();
            now = waiting.isEmpty() && hasRoom();
            if (now) {
                inFlight++;
            } else {
                waiting.addLast(gated);
                armWake();
            }
        }
        if (now) {
            gated.start();
        }
        return gated.result;
    }

    /** Requests waiting for a slot now. */
    public int waitingCount() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** Requests counted against the limit now: in flight, or answered within the last second. */
    public int slotsInUse() {
        synchronized (lock) {
            prune();
            return inFlight + answered.size();
        }
    }

    private boolean hasRoom() {
        return inFlight + answered.size() < perSecond;
    }

    private void prune() {
        Instant cutoff = scheduler.now().minus(WINDOW);
        while (!answered.isEmpty() && !answered.peekFirst().isAfter(cutoff)) {
            answered.pollFirst();
        }
    }

    /** A reply (or failure) came: its slot counts for one more second, then frees. */
    private void release() {
        synchronized (lock) {
            inFlight--;
            answered.addLast(scheduler.now());
        }
        admitWaiting();
    }

    /** Lets through as many waiting requests as there is room for; each is sent on a scheduler thread. */
    private void admitWaiting() {
        List<Gated<?>> ready = new ArrayList<>();
        synchronized (lock) {
            prune();
            while (!waiting.isEmpty() && hasRoom()) {
                Gated<?> next = waiting.pollFirst();
                if (!next.result.isDone()) {
                    inFlight++;
                    ready.add(next);
                }
            }
            if (!waiting.isEmpty()) {
                armWake();
            }
        }
        for (Gated<?> g : ready) {
            // Not on the thread that freed the slot: that may be an I/O thread, or a long chain.
            scheduler.execute(g::start);
        }
    }

    /** When only answered requests block the way, wakes up as the oldest of them leaves the window. */
    private void armWake() {
        if (answered.isEmpty() || inFlight >= perSecond) {
            return; // a reply will free a slot and admit the next
        }
        Instant due = answered.peekFirst().plus(WINDOW);
        if (wake != null && !wakeAt.isAfter(due)) {
            return;
        }
        if (wake != null) {
            wake.cancel();
        }
        wakeAt = due;
        wake = scheduler.schedule(this::woken, Duration.between(scheduler.now(), due));
    }

    private void woken() {
        synchronized (lock) {
            wake = null;
            wakeAt = null;
        }
        admitWaiting();
    }

    private void forget(Gated<?> gated) {
        synchronized (lock) {
            waiting.remove(gated);
        }
    }

    /** One request's turn: waiting, then sent, then done. */
    private final class Gated<T> {
        private final Supplier<CompletableFuture<T>> send;
        private final GatedFuture result = new GatedFuture();
        private volatile CompletableFuture<T> sent;

        Gated(Supplier<CompletableFuture<T>> send) {
            this.send = send;
        }

        /** Called once it holds a slot: sends, and frees the slot when the exchange ends. */
        void start() {
            if (result.isDone()) {
                release();
                return;
            }
            CompletableFuture<T> exchange;
            try {
                exchange = send.get();
            } catch (RuntimeException e) {
                release();
                result.completeExceptionally(e);
                return;
            }
            sent = exchange;
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
            exchange.whenComplete((value, error) -> {
                release();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        }

        /** The caller's future: cancelling it gives up the turn, or aborts the exchange. */
        private final class GatedFuture extends CompletableFuture<T> {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                CompletableFuture<T> exchange = sent;
                if (exchange != null) {
                    exchange.cancel(true);
                } else {
                    forget(Gated.this);
                }
                return cancelled;
            }
        }
    }

    @Override
    public String toString() {
        return perSecond <= 0 ? "RateGate(unlimited)" : "RateGate(" + perSecond + "/s)";
    }
}
