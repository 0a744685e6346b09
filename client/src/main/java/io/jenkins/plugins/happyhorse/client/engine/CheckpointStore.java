package io.jenkins.plugins.happyhorse.client.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where a caller keeps a render's {@link RenderCheckpoint} so that another engine can resume it.
 *
 * <p>The engine sends the submit only after the stage returned for the first checkpoint (the one
 * without a prediction id) has completed normally, so a restart always finds a record of a submit
 * that may have reached the host. The save may be asynchronous (a Pipeline writes its program
 * state on its own thread): the engine holds no thread while it waits. A stage that completes
 * exceptionally before the submit stops the render with nothing submitted.
 */
@FunctionalInterface
public interface CheckpointStore {
    /** Saves the checkpoint; the returned stage completes once it is durable. */
    CompletionStage<Void> save(RenderCheckpoint checkpoint);

    /** A store that saves synchronously in the calling thread. */
    static CheckpointStore of(Consumer<RenderCheckpoint> sink) {
        return checkpoint -> {
            try {
                sink.accept(checkpoint);
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    /** {@code store}'s stage for {@code checkpoint}, or a failed one when the store throws instead of failing it. */
    static CompletionStage<Void> saveSafely(CheckpointStore store, RenderCheckpoint checkpoint) {
        try {
            CompletionStage<Void> stage = store.save(checkpoint);
            return stage == null ? CompletableFuture.completedFuture(null) : stage;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
