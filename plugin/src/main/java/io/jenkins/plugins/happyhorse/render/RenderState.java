package io.jenkins.plugins.happyhorse.render;

import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.action.RenderProgress;
import io.jenkins.plugins.happyhorse.client.engine.PollingPolicy;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What one render is doing now: where the session is, the engine's handle once it runs, the last
 * thing the engine said, and the render's card on the build page. The step's status (shown in the
 * Pipeline steps view and the thread dump), whether a restart must wait, and the card are read
 * from here.
 */
final class RenderState {

    /** Where the session is; the engine's own phase takes over while it runs the render. */
    enum Stage {
        PREPARING,
        RENDERING,
        DELIVERING,
        OVER
    }

    private volatile Stage stage = Stage.PREPARING;
    private volatile RenderHandle handle;
    private volatile String lastMessage = "";
    private volatile RenderProgress card;

    void stage(Stage now) {
        stage = now;
    }

    void handle(RenderHandle h) {
        handle = h;
    }

    RenderHandle handle() {
        return handle;
    }

    /** The job's facts, once the render has reached its submit. */
    Optional<RenderCheckpoint> checkpoint() {
        RenderHandle h = handle;
        return h == null ? Optional.empty() : h.checkpoint();
    }

    void card(RenderProgress progress) {
        card = progress;
    }

    RenderProgress card() {
        return card;
    }

    /** What the card shows as the render's phase. */
    void phase(String what) {
        RenderProgress c = card;
        if (c != null) {
            c.phase(what);
        }
    }

    /** A progress report of the engine; the card shows it unless the plugin says it otherwise. */
    void event(RenderEvent event) {
        if (BuildLog.saidHere(event)) {
            return;
        }
        lastMessage = event.message();
        RenderProgress c = card;
        // Events may arrive after the submission was recorded; the card does not step back.
        boolean late = c != null && c.getPredictionId() != null && event.phase().compareTo(RenderPhase.WAITING) < 0;
        if (!late) {
            phase(event.message());
        }
    }

    /** The host has the job: the card counts its time against the usual time for its shape. */
    void submitted(RenderCheckpoint checkpoint) {
        RenderProgress c = card;
        if (c != null) {
            Duration expected = checkpoint
                    .expected()
                    .map(PollingPolicy.defaults()::expectedProcessing)
                    .orElse(Duration.ZERO);
            String host = checkpoint.provider().displayName();
            c.submitted(host, checkpoint.predictionId(), checkpoint.submittedAt(), expected);
            c.phase(Messages.RenderState_Waiting(host));
        }
    }

    /** What the render is doing or waiting for, for the Pipeline's status and thread dump. */
    String status() {
        RenderHandle h = handle;
        switch (stage) {
            case PREPARING:
                return "preparing: checking the request and copying the reference images";
            case DELIVERING:
                return "delivering the clip to the build's artifacts and the workspace";
            case OVER:
                return "over";
            default:
                if (h == null) {
                    return "starting the render";
                }
                if (h.waitingForSlot()) {
                    // The engine's sentence says how many run there and how many wait.
                    return lastMessage;
                }
                RenderCheckpoint checkpoint = h.checkpoint().orElse(null);
                if (h.phase() == RenderPhase.WAITING && checkpoint != null && checkpoint.predictionId() != null) {
                    RenderProgress c = card;
                    String said = lastMessage.isEmpty() ? "submitted" : lastMessage;
                    String time = c == null ? "" : "; " + c.getElapsed() + " so far";
                    return "waiting for " + checkpoint.provider().displayName() + " to finish prediction "
                            + checkpoint.predictionId() + " (" + said + time + ")";
                }
                return h.phase().name().toLowerCase(Locale.ROOT) + ": " + lastMessage;
        }
    }

    /** Whether the render is moving data right now (as opposed to waiting), which holds a restart. */
    boolean isBusy() {
        Stage now = stage;
        if (now == Stage.OVER) {
            return false;
        }
        RenderHandle h = handle;
        if (now == Stage.RENDERING && h != null && h.waitingForSlot()) {
            return false;
        }
        return now != Stage.RENDERING || h == null || h.phase() != RenderPhase.WAITING;
    }
}
