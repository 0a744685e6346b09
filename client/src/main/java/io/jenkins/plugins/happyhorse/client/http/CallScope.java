package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import java.util.concurrent.CompletableFuture;

/**
 * What the parts of one {@link HostSession} share so that one {@link #cancel} stops them all: the
 * exchange in flight, the retry waiting for its turn (whose call then fails), and the reason
 * later calls fail with. A
 * waiting render keeps no finished exchange (nor its reply) reachable through it.
 */
public final class CallScope {
    private volatile boolean cancelled;
    private volatile RenderException reason;
    private volatile CompletableFuture<?> inFlight;
    private volatile Cancellable pendingRetry;
    private volatile CompletableFuture<?> waitingCall;

    /** Whether {@link #cancel} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Why the scope was cancelled; null until it is. */
    public RenderException reason() {
        return reason;
    }

    /** A future failed with the reason, for a call made after the cancellation. */
    <T> CompletableFuture<T> refused() {
        return CompletableFuture.failedFuture(reason);
    }

    /** Remembers {@code exchange} as the one in flight, and forgets it once it is done. */
    <F extends CompletableFuture<?>> F track(F exchange) {
        inFlight = exchange;
        exchange.whenComplete((r, e) -> {
            if (inFlight == exchange) {
                inFlight = null;
            }
        });
        if (cancelled) {
            exchange.cancel(true);
        }
        return exchange;
    }

    /**
     * Remembers the retry waiting for its turn and the call it belongs to; when the scope is
     * cancelled, the retry is called off and the call fails with the reason.
     */
    void waiting(Cancellable retry, CompletableFuture<?> call) {
        pendingRetry = retry;
        waitingCall = call;
        if (cancelled) {
            retry.cancel();
            call.completeExceptionally(reason);
        }
    }

    /** Stops the exchange in flight and the pending retry; later calls fail with {@code why}. */
    public void cancel(RenderException why) {
        reason = why == null ? new RenderCancelledException("The render was cancelled.") : why;
        cancelled = true;
        Cancellable retry = pendingRetry;
        if (retry != null) {
            retry.cancel();
        }
        CompletableFuture<?> waiting = waitingCall;
        if (waiting != null) {
            waiting.completeExceptionally(reason);
        }
        CompletableFuture<?> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
    }
}
