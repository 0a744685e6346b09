package io.jenkins.plugins.happyhorse.render;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Keeps what a render needs to resume after a controller restart. The engine sends the submit only
 * once the stage for the first state (the one recorded just before the submit) has completed, so
 * a restart always finds a record of a submit that may have reached the host; no thread waits
 * meanwhile.
 */
@FunctionalInterface
public interface ResumeStateStore {
    /** Saves the state; the stage completes once it is durable, or fails if it cannot be. */
    CompletionStage<Void> save(ResumeState state);

    /** For builds that cannot resume (freestyle): nothing to keep. */
    static ResumeStateStore none() {
        return state -> CompletableFuture.completedFuture(null);
    }
}
