package io.jenkins.plugins.happyhorse.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * Caps how many renders one controller runs at once. A render asks for a slot and gets a {@link
 * Ticket} whose {@link Ticket#granted()} completes when a slot is free: renders over the limit
 * wait in order, holding no thread. Resumed renders (already paid for) take a slot at once, even
 * over the limit, so that a restart never leaves a finished clip waiting in a queue.
 */
public final class RenderSlots {
    private final IntSupplier limit;
    private final Deque<Ticket> queue = new ArrayDeque<>();
    private int inUse;

    /** @param limit the most renders at once, read each time a slot is handed out */
    public RenderSlots(IntSupplier limit) {
        this.limit = limit;
    }

    /** A place in the queue, granted at once when a slot is free. */
    public Ticket request() {
        Ticket ticket = new Ticket();
        boolean grant;
        synchronized (this) {
            grant = queue.isEmpty() && inUse < Math.max(1, limit.getAsInt());
            if (grant) {
                inUse++;
            } else {
                queue.addLast(ticket);
            }
        }
        if (grant) {
            ticket.grant();
        }
        return ticket;
    }

    /** A slot now, even over the limit (for a render that was already submitted). */
    public Ticket takeNow() {
        Ticket ticket = new Ticket();
        synchronized (this) {
            inUse++;
        }
        ticket.grant();
        return ticket;
    }

    /** Renders holding a slot. */
    public synchronized int inUse() {
        return inUse;
    }

    /** Renders waiting for one. */
    public synchronized int waiting() {
        return queue.size();
    }

    /** The most renders at once, as configured now. */
    public int limit() {
        return Math.max(1, limit.getAsInt());
    }

    private void release() {
        List<Ticket> next = new ArrayList<>();
        synchronized (this) {
            inUse--;
            // The limit may have been raised meanwhile: hand out every place that is free now.
            int max = Math.max(1, limit.getAsInt());
            while (!queue.isEmpty() && inUse < max) {
                next.add(queue.pollFirst());
                inUse++;
            }
        }
        // Granting runs the renders' callbacks: outside the lock.
        next.forEach(Ticket::grant);
    }

    private synchronized boolean withdraw(Ticket ticket) {
        return queue.remove(ticket);
    }

    /** One render's claim on a slot. {@link #close()} gives the slot (or the place in the queue) back. */
    public final class Ticket implements AutoCloseable {
        private final CompletableFuture<Void> granted = new CompletableFuture<>();
        private boolean closed;

        private Ticket() {}

        private void grant() {
            granted.complete(null);
        }

        /** Completes when the slot is this render's; fails with a cancellation if closed first. */
        public CompletableFuture<Void> granted() {
            return granted;
        }

        /** Whether the render is still waiting for its slot. */
        public boolean isWaiting() {
            return !granted.isDone();
        }

        /** Gives the slot back, or leaves the queue. Idempotent. */
        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            if (withdraw(this)) {
                granted.completeExceptionally(new CancellationException("left the render queue"));
            } else {
                release();
            }
        }
    }
}
