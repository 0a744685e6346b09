package io.jenkins.plugins.happyhorse.client.engine;

/** The steps of a render, in order. */
public enum RenderPhase {
    VALIDATING,
    ESTIMATING,
    UPLOADING,
    SUBMITTING,
    WAITING,
    DOWNLOADING,
    VERIFYING,
    DONE
}
