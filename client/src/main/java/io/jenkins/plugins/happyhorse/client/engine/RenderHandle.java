package io.jenkins.plugins.happyhorse.client.engine;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A render in progress: its outcome, a way to stop waiting for it, and its latest checkpoint. */
public interface RenderHandle {

    /**
     * Completes with the verified clip, or exceptionally with a {@link
     * io.jenkins.plugins.happyhorse.client.error.RenderException} subclass.
     */
    CompletableFuture<RenderResult> result();

    /**
     * Stops the render: the result completes with {@link
     * io.jenkins.plugins.happyhorse.client.error.RenderCancelledException}. Neither host can cancel a
     * job, so a job already submitted may still run and be billed; the event says so.
     */
    void cancel();

    /** The latest checkpoint, present from just before the submit on. */
    Optional<RenderCheckpoint> checkpoint();

    /** The current phase. */
    RenderPhase phase();

    /**
     * Whether the render is waiting for a slot at its host (the account's limit of renders at once
     * is reached): nothing is sent and nothing charged meanwhile, and no thread is held.
     */
    default boolean waitingForSlot() {
        return false;
    }

    /**
     * How far the clip's download has come, from its first byte on; empty before (and for a
     * handle that does not download). For a progress display: the bytes so far and, when the host
     * announced it, the total.
     */
    default Optional<DownloadProgress> downloadProgress() {
        return Optional.empty();
    }
}
