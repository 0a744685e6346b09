package io.jenkins.plugins.happyhorse.client.engine;

/**
 * Receives progress events. Called on engine threads: return quickly and never block. An
 * exception thrown here is ignored by the render.
 */
@FunctionalInterface
public interface RenderListener {
    void onEvent(RenderEvent event);
}
