package io.jenkins.plugins.happyhorse.client.admission;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Adaptive concurrency for one host account: how many renders may have a job at the host at
 * once. A render asks for a {@link Permit} before its submit and gives it back when its job has
 * ended; renders over the limit wait in order, as futures, holding no thread. The limit starts at
 * the policy's initial value, halves when the host refuses a submit with 429 ({@link
 * Permit#throttled()}) and grows by one after each accepted submit ({@link Permit#accepted()}),
 * within 1 and the policy's maximum: additive increase, multiplicative decrease, as TCP does.
 * Thread-safe; the futures complete on the thread that freed the slot, so callers hop to their own
 * executor.
 */
public final class AdmissionGate {
    private final String name;
    private final AdmissionPolicy policy;
    private final Deque<CompletableFuture<Permit>> queue = new ArrayDeque<>();
    private int limit;
    private int inUse;

    /**
     * @param name what the gate guards, for messages (e.g. {@code WaveSpeed}); never a key
     */
    public AdmissionGate(String name, AdmissionPolicy policy) {
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limit = policy.initial();
    }

    /**
     * A permit as soon as a slot is free: at once when one is, else in order. Cancelling the
     * future (a cancelled render, a deadline) gives up the place in the queue.
     */
    public CompletableFuture<Permit> acquire() {
        CompletableFuture<Permit> waiting = new CompletableFuture<>();
        boolean now;
        synchronized (this) {
            now = queue.isEmpty() && inUse < limit;
            if (now) {
                inUse++;
            } else {
                queue.addLast(waiting);
            }
        }
        if (now) {
            waiting.complete(new Permit());
        } else {
            // A cancelled wait leaves the queue at once, so it never takes a slot it would return.
            waiting.whenComplete((p, error) -> {
                if (error != null) {
                    synchronized (this) {
                        queue.remove(waiting);
                    }
                }
            });
        }
        return waiting;
    }

    /**
     * A permit now, even over the limit: for a render whose job the host already has (a resumed
     * render), which counts against the host's limit whether or not it waits.
     */
    public Permit occupy() {
        synchronized (this) {
            inUse++;
        }
        return new Permit();
    }

    /** The current limit. */
    public synchronized int limit() {
        return limit;
    }

    /** Renders holding a permit. */
    public synchronized int inUse() {
        return inUse;
    }

    /** Renders waiting for one. */
    public synchronized int waiting() {
        return queue.size();
    }

    /** What the gate looks like now, for a status page. */
    public synchronized State state() {
        return new State(name, limit, policy.max(), inUse, queue.size());
    }

    private void free(boolean throttled, boolean accepted) {
        List<CompletableFuture<Permit>> grant = new ArrayList<>();
        synchronized (this) {
            if (throttled) {
                limit = Math.max(1, limit / 2);
            }
            if (accepted) {
                limit = Math.min(policy.max(), limit + 1);
            } else {
                inUse--;
            }
            while (!queue.isEmpty() && inUse < limit) {
                grant.add(queue.pollFirst());
                inUse++;
            }
        }
        for (CompletableFuture<Permit> next : grant) {
            if (!next.complete(new Permit())) {
                // Cancelled between leaving the queue and its grant: its slot goes to the next one.
                free(false, false);
            }
        }
    }

    @Override
    public String toString() {
        State s = state();
        return "AdmissionGate{" + s.name() + ", limit " + s.limit() + " of " + s.max() + ", in use " + s.inUse()
                + ", waiting " + s.waiting() + "}";
    }

    /**
     * A gate's state.
     *
     * @param name what it guards
     * @param limit the current limit
     * @param max the policy's maximum
     * @param inUse renders holding a permit
     * @param waiting renders waiting for one
     */
    public record State(String name, int limit, int max, int inUse, int waiting) {}

    /** One render's slot; every method after the first {@link #release()} or {@link #throttled()} does nothing. */
    public final class Permit {
        private final AtomicBoolean held = new AtomicBoolean(true);
        private final AtomicBoolean counted = new AtomicBoolean();

        private Permit() {}

        /** The host accepted the submit: the limit grows by one (once per permit); the slot stays taken. */
        public void accepted() {
            if (held.get() && counted.compareAndSet(false, true)) {
                free(false, true);
            }
        }

        /** The host refused the submit with 429: the limit halves and the slot is given back. */
        public void throttled() {
            if (held.compareAndSet(true, false)) {
                free(true, false);
            }
        }

        /** The job has ended (or the render did): the slot is given back. */
        public void release() {
            if (held.compareAndSet(true, false)) {
                free(false, false);
            }
        }

        /** Whether this permit still holds its slot. */
        public boolean held() {
            return held.get();
        }
    }
}
