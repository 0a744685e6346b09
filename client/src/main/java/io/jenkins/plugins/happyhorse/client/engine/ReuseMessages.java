package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.reuse.ReuseLookup;
import io.jenkins.plugins.happyhorse.client.reuse.StoredRender;
import java.nio.file.Path;

/** What a render says about reuse: where a clip came from, what it saved, and why a fresh render is made instead. */
final class ReuseMessages {
    private ReuseMessages() {}

    static String following() {
        return "an identical render (same images, prompt, settings and seed) is in progress: waiting for its clip"
                + " instead of paying for it twice";
    }

    static String leaderFailed() {
        return "the identical render in progress ended without a clip: looking again";
    }

    static String copying(StoredRender from, String where) {
        return "found an identical clip" + paidBy(from) + ": copying it from " + where + " and verifying it";
    }

    static String reused(Path output, StoredRender from, String host) {
        return "reused: " + output.getFileName() + " is the clip" + paidBy(from) + " (prediction "
                + from.predictionId() + "); saved " + from.usd().toPlainString() + " USD, nothing was sent to "
                + host;
    }

    static String ownCopy(String note) {
        return note + ": using the render store's own copy";
    }

    static String unusable(ReuseLookup.Unusable u) {
        StoredRender r = u.render();
        return "the identical clip" + paidBy(r) + " at " + r.locator() + " is " + u.detail()
                + ": rendering afresh (it will be paid for)";
    }

    static String copyFailed(String where, Exception e) {
        return "the identical clip at " + where + " could not be reused (" + e.getMessage()
                + "): rendering afresh (it will be paid for)";
    }

    static String storeUnreadable(RuntimeException e) {
        return "the render store could not be read (" + e.getMessage() + "): rendering afresh";
    }

    static String notRecorded(Exception e) {
        return "the clip could not be recorded for reuse (" + e.getMessage() + "); it is delivered all the same";
    }

    static String savingNotRecorded(RuntimeException e) {
        return "the saving could not be recorded in the spend ledger (" + e.getMessage() + ")";
    }

    private static String paidBy(StoredRender r) {
        return r.producer().isEmpty() ? "" : ", paid for by " + r.producer();
    }
}
