package io.jenkins.plugins.happyhorse.reuse;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.happyhorse.client.reuse.FileRenderStore;
import io.jenkins.plugins.happyhorse.client.reuse.RenderStore;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseFlights;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseLookup;
import io.jenkins.plugins.happyhorse.client.reuse.StoreLimits;
import io.jenkins.plugins.happyhorse.client.reuse.StoredRender;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The controller's render store, {@code JENKINS_HOME/happyhorse/renders}: one for every job and
 * build, so that a render reuses any identical clip paid for on this controller, and so that two
 * renders of the same digest at once share one payment (one {@link ReuseFlights} for the whole
 * controller; a store per build would let both pay).
 *
 * <p>The limits on its copies come from the global configuration and may change while renders run:
 * the file store under it is opened again with the new limits, while the flights stay the same, so
 * a render in flight is still followed by one that starts after the change.
 */
@Restricted(NoExternalUse.class)
public final class ControllerRenderStore implements RenderStore {
    /** The folder under {@code JENKINS_HOME} that holds the store. */
    static final String FOLDER = "happyhorse/renders";

    private static ControllerRenderStore instance;

    private final Path folder;
    private final ReuseFlights flights = new ReuseFlights();
    private volatile Opened opened;

    private ControllerRenderStore(Path folder, StoreLimits limits) {
        this.folder = folder;
        this.opened = open(folder, limits);
    }

    /** The controller's store, with copies kept within {@code limits}. */
    public static synchronized @NonNull ControllerRenderStore get(StoreLimits limits) {
        Path folder = folder();
        // A test harness gives each JenkinsRule its own JENKINS_HOME in one JVM: follow it.
        if (instance == null || !instance.folder.equals(folder)) {
            instance = new ControllerRenderStore(folder, limits);
        } else if (!instance.opened.limits.equals(limits)) {
            instance.opened = open(folder, limits);
        }
        return instance;
    }

    /** {@code JENKINS_HOME/happyhorse/renders}. */
    public static @NonNull Path folder() {
        return new File(Jenkins.get().getRootDir(), FOLDER).toPath();
    }

    private static Opened open(Path folder, StoreLimits limits) {
        return new Opened(FileRenderStore.open(folder, new ArtifactClipResolver(), limits, Clock.systemUTC()), limits);
    }

    @Override
    public ReuseLookup lookup(String digest) {
        return opened.store.lookup(digest);
    }

    @Override
    public void record(StoredRender render, Path clip, boolean keepCopy) {
        opened.store.record(render, clip, keepCopy);
    }

    @Override
    public Optional<StoredRender> find(String digest) {
        return opened.store.find(digest);
    }

    @Override
    public List<StoredRender> list() {
        return opened.store.list();
    }

    @Override
    public boolean forget(String digest) {
        return opened.store.forget(digest);
    }

    @Override
    public ReuseFlights flights() {
        return flights;
    }

    @Override
    public String toString() {
        return "ControllerRenderStore{" + folder + "}";
    }

    private record Opened(FileRenderStore store, StoreLimits limits) {}
}
