package io.jenkins.plugins.happyhorse.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import io.jenkins.plugins.happyhorse.Messages;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;

/**
 * The clips a build rendered, on the build page: one player per clip (pointing at the archived
 * artifact) with its prompt, seed, host, prediction id, cost and timings. One action per build
 * holds every render of it, so several renders in one build each get their own entry.
 */
public final class RenderAction implements RunAction2 {

    private static final Object ATTACH_LOCK = new Object();

    // Copy-on-write: the build may be saved (and this list written out) while a render is added.
    private final List<RenderRecord> renders = new CopyOnWriteArrayList<>();
    private int reserved;
    private transient Run<?, ?> run;

    /** The action of {@code run}, added to it if it has none yet. */
    public static RenderAction of(@NonNull Run<?, ?> run) {
        synchronized (ATTACH_LOCK) {
            RenderAction action = run.getAction(RenderAction.class);
            if (action == null) {
                action = new RenderAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /** Numbers a new render of the build (1, 2, …), for its default output name. */
    public synchronized int reserveNumber() {
        reserved = Math.max(reserved, renders.size()) + 1;
        return reserved;
    }

    /** Records a finished render and saves the build. */
    public void add(@NonNull RenderRecord record) throws IOException {
        renders.add(record);
        Run<?, ?> owner = run;
        if (owner != null) {
            owner.save();
        }
    }

    /** The renders, oldest first. */
    public List<RenderRecord> getRenders() {
        return List.copyOf(renders);
    }

    /** The build this action belongs to. */
    public @CheckForNull Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        // No link while the build has no clip yet (a render may have failed before finishing).
        return getRenders().isEmpty() ? null : "/plugin/happyhorse/images/happyhorse.svg";
    }

    @Override
    public String getDisplayName() {
        return Messages.RenderAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "happyhorse";
    }
}
