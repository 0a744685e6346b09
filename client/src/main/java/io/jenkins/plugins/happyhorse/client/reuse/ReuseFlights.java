package io.jenkins.plugins.happyhorse.client.reuse;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders in progress by digest, so that when two callers ask for the same clip at once one renders
 * (and pays) and the others wait for it, as futures holding no thread, then reuse its clip. A
 * flight that fails lets its followers try again (one of them then renders).
 */
public final class ReuseFlights {
    private final ConcurrentHashMap<String, CompletableFuture<Landing>> flights = new ConcurrentHashMap<>();

    /** Leads the flight of {@code digest}, or follows the one already under way. */
    public Claim claim(String digest) {
        CompletableFuture<Landing> mine = new CompletableFuture<>();
        CompletableFuture<Landing> under = flights.putIfAbsent(digest, mine);
        if (under == null) {
            return new Claim.Lead(new Flight(digest, mine));
        }
        // Each follower gets its own future: cancelling one (a cancelled render) leaves the flight alone.
        return new Claim.Follow(under.copy());
    }

    /** Flights under way. */
    public int inFlight() {
        return flights.size();
    }

    /**
     * What the leader delivered: the record and the file it put at its output, which followers copy
     * (and verify) at once, before the caller may have moved it to where the locator points.
     *
     * @param render the record
     * @param file the delivered clip
     */
    public record Landing(StoredRender render, Path file) {}

    /** Leading or following. */
    public sealed interface Claim permits Claim.Lead, Claim.Follow {
        /** This caller renders; it must end the flight, one way or the other. */
        record Lead(Flight flight) implements Claim {}

        /** Another caller renders; this completes with its landing, or fails when it failed. */
        record Follow(CompletableFuture<Landing> landing) implements Claim {}
    }

    /** The leader's flight: ended exactly once, by a landing or a failure. */
    public final class Flight {
        private final String digest;
        private final CompletableFuture<Landing> future;

        private Flight(String digest, CompletableFuture<Landing> future) {
            this.digest = digest;
            this.future = future;
        }

        /** The clip is delivered: followers reuse it. */
        public void land(Landing landing) {
            flights.remove(digest, future);
            future.complete(landing);
        }

        /** The render failed or was cancelled: followers try again. */
        public void abort(Throwable why) {
            flights.remove(digest, future);
            future.completeExceptionally(why);
        }
    }
}
