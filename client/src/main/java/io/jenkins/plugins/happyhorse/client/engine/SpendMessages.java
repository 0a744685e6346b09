package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.admission.AdmissionGate;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.StorageException;
import java.time.Duration;

/** What a render says about its slot at the host, a refused submit and the spend ledger. */
final class SpendMessages {
    private SpendMessages() {}

    static String waitingForSlot(String host, AdmissionGate.State gate) {
        return "waiting for a slot at " + host + ": " + gate.inUse() + " renders have a job there (limit "
                + gate.limit() + " of " + gate.max() + "), " + gate.waiting() + " waiting; nothing was submitted yet";
    }

    static String busy(String host, Duration wait) {
        return host + " is busy (429): submitting again in " + seconds(wait) + " s; nothing was charged";
    }

    static RateLimitedException busyUntilDeadline(String host, int refusals, Duration wait, Duration deadline) {
        return new RateLimitedException(host + " refused the submit with 429 (too many requests) " + refusals
                + (refusals == 1 ? " time" : " times") + ", and the next attempt, in " + seconds(wait)
                + " s, would come after the render's deadline of " + deadline.toSeconds()
                + " s. Nothing was submitted and nothing charged. Run fewer renders at once (or lower the"
                + " admission limit), or allow a longer deadline.");
    }

    static StorageException intentNotRecorded(RuntimeException cause) {
        return new StorageException(
                "The charge could not be recorded in the spend ledger before submitting (" + cause.getMessage()
                        + "); nothing was submitted. Fix the ledger's storage and render again.",
                cause);
    }

    static String ledgerNotUpdated(String what, RuntimeException cause) {
        return "the spend ledger could not record " + what + " (" + cause.getMessage()
                + "); the charge stays pending there until a resume confirms it";
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
