package io.jenkins.plugins.happyhorse.cli.run;

import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;

/**
 * How a render ended.
 *
 * @param result the verified clip, or null when it failed
 * @param failure why it failed, or null
 * @param phase the phase it ended in (where a failure happened)
 * @param checkpoint the job's facts at the end, or null when nothing was submitted
 */
public record Outcome(RenderResult result, Throwable failure, RenderPhase phase, RenderCheckpoint checkpoint) {
    static Outcome failed(Throwable failure, RenderHandle handle) {
        return new Outcome(null, failure, handle.phase(), handle.checkpoint().orElse(null));
    }

    public boolean succeeded() {
        return result != null;
    }
}
