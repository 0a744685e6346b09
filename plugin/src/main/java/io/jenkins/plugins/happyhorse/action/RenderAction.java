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
 *
 * <p>While renders run, the page also shows a card for each ({@link RenderProgress}); a small
 * script ({@code live.js}, no inline script) fetches the cards again every few seconds from
 * {@code progress}, and reloads the page when a clip is done.
 */
public final class RenderAction implements RunAction2 {

    /** The plugin's icon, a symbol (an inline SVG drawn in the text colour, so dark themes work). */
    public static final String ICON = "symbol-happyhorse plugin-happyhorse";

    private static final Object ATTACH_LOCK = new Object();

    // Copy-on-write: the build may be saved (and this list written out) while a render is added.
    private final List<RenderRecord> renders = new CopyOnWriteArrayList<>();
    private int reserved;
    private transient Run<?, ?> run;
    // Renders running now: shown as cards, never saved (a resumed render adds its card again).
    private transient List<RenderProgress> running;

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

    /** Shows {@code progress} as a card until {@link #finished} is called with it. */
    public void started(@NonNull RenderProgress progress) {
        running().add(progress);
    }

    /** Takes the card of a render that is over off the page. */
    public void finished(@NonNull RenderProgress progress) {
        running().remove(progress);
    }

    /** The renders running now, in the order they started. */
    public List<RenderProgress> getRunning() {
        return List.copyOf(running());
    }

    /** Whether the page should keep its cards up to date: while the build runs. */
    public boolean isLive() {
        Run<?, ?> owner = run;
        return owner != null && owner.isBuilding();
    }

    private synchronized List<RenderProgress> running() {
        if (running == null) {
            running = new CopyOnWriteArrayList<>();
        }
        return running;
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
        // No link while the build has no clip and no render running (one may have failed early).
        return getRenders().isEmpty() && running().isEmpty() ? null : ICON;
    }

    /** {@link #ICON}, for the views. */
    public String getSymbol() {
        return ICON;
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
