package io.jenkins.plugins.happyhorse.client.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A {@link CompletableFuture} whose cancellation also aborts the HTTP exchange behind it. */
final class TransportFuture<T> extends CompletableFuture<T> {
    private volatile Future<?> exchange;

    void attach(Future<?> exchange) {
        this.exchange = exchange;
        if (isCancelled()) {
            exchange.cancel(true);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        Future<?> e = exchange;
        if (e != null) {
            e.cancel(true);
        }
        return super.cancel(mayInterruptIfRunning);
    }
}
