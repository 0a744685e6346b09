package io.jenkins.plugins.happyhorse.client.time;

/** A scheduled task that can still be called off. */
@FunctionalInterface
public interface Cancellable {
    /** Calls the task off if it has not started; harmless when it already ran or was cancelled. */
    void cancel();
}
