package io.jenkins.plugins.happyhorse.client.engine;

import java.time.Duration;

/**
 * A progress report: the phase, the engine-clock time since the render started (or resumed), and
 * a sentence for a log. Never contains the API key.
 *
 * @param phase the current phase
 * @param elapsed time since start
 * @param message what happened
 */
public record RenderEvent(RenderPhase phase, Duration elapsed, String message) {
    @Override
    public String toString() {
        return "[" + phase + " +" + elapsed.toSeconds() + "s] " + message;
    }
}
