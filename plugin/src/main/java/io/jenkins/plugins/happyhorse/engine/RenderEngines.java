package io.jenkins.plugins.happyhorse.engine;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.WebhookReceiver;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The controller's render engine: one {@link RenderEngine} (one HTTP client, one small scheduler)
 * shared by every render, built on first use and rebuilt when the global configuration or
 * Jenkins' proxy changes. Renders borrow it through a {@link Lease}; an engine replaced by a new
 * one is closed once its last render is over, and every engine is closed when Jenkins stops.
 * How many renders run at once is the engine's business: one admission gate per host account, as
 * the global configuration sets it. Renders reach it through {@link
 * EngineAccess#controller()}.
 */
public final class RenderEngines {
    private static final Logger LOGGER = Logger.getLogger(RenderEngines.class.getName());

    private static Entry current;
    private static final List<Entry> retired = new ArrayList<>();
    private static EngineScheduler schedulerOverride;
    private static volatile boolean stopping;
    private static final AtomicInteger EPOCH = new AtomicInteger();

    /** The controller's engines as renders see them. */
    static final EngineAccess ACCESS = new EngineAccess() {
        @Override
        public EngineAccess.Lease lease() throws AbortException {
            return RenderEngines.lease();
        }

        @Override
        public EngineScheduler clock() {
            return scheduler();
        }

        @Override
        public int epoch() {
            return EPOCH.get();
        }

        @Override
        public boolean isStopping() {
            return stopping;
        }

        @Override
        public URI webhook() {
            return HappyHorseConfiguration.get().webhookTarget();
        }
    };

    private RenderEngines() {}

    /**
     * The engine for the settings in force now, held until the lease is closed.
     *
     * @throws AbortException when Jenkins is stopping or an administrator's setting is unusable
     */
    static @NonNull Lease lease() throws AbortException {
        EngineSettings settings = EngineSettings.current(
                HappyHorseConfiguration.get(),
                JenkinsProxy.toSettings(Jenkins.get().getProxy()));
        Entry closeNow = null;
        Lease lease;
        synchronized (RenderEngines.class) {
            if (stopping) {
                throw new AbortException("Jenkins is shutting down; no new render can start");
            }
            if (current == null || !current.settings.equals(settings)) {
                if (current != null) {
                    if (current.leases == 0) {
                        closeNow = current;
                    } else {
                        retired.add(current);
                    }
                }
                current = new Entry(settings, settings.build(scheduler()));
                LOGGER.log(Level.FINE, "Built a render engine for {0}", settings);
            }
            current.leases++;
            lease = new Lease(current);
        }
        if (closeNow != null) {
            closeQuietly(closeNow);
        }
        return lease;
    }

    /**
     * The callback receivers of the engines that exist now (the current one first, then those
     * replaced but still serving renders), without building one: a callback can only be about a
     * render of one of them.
     */
    public static synchronized List<WebhookReceiver> webhookReceivers() {
        List<WebhookReceiver> receivers = new ArrayList<>();
        if (current != null) {
            receivers.add(current.engine.webhooks());
        }
        for (Entry e : retired) {
            receivers.add(e.engine.webhooks());
        }
        return receivers;
    }

    private static synchronized EngineScheduler scheduler() {
        return schedulerOverride != null ? schedulerOverride : EngineScheduler.system();
    }

    /**
     * Replaces the engine's scheduler, e.g. with a stepped one shared with a simulator so that tests
     * finish in milliseconds whatever the machine. The next render builds a new engine with it.
     */
    @Restricted(NoExternalUse.class)
    public static synchronized void useScheduler(@CheckForNull EngineScheduler scheduler) {
        schedulerOverride = scheduler;
        if (current != null) {
            if (current.leases == 0) {
                closeQuietly(current);
            } else {
                retired.add(current);
            }
            current = null;
        }
    }

    /** Closes every engine when Jenkins stops; waiting Pipeline renders resume after the restart. */
    @Terminator
    public static void stop() {
        List<Entry> toClose = new ArrayList<>();
        synchronized (RenderEngines.class) {
            stopping = true;
            EPOCH.incrementAndGet();
            if (current != null) {
                toClose.add(current);
                current = null;
            }
            toClose.addAll(retired);
            retired.clear();
        }
        toClose.forEach(RenderEngines::closeQuietly);
    }

    /** Lets renders start again after {@link #stop()}, for a Jenkins restarted in the same process. */
    @Initializer(after = InitMilestone.PLUGINS_STARTED)
    public static synchronized void start() {
        stopping = false;
    }

    private static void closeQuietly(Entry entry) {
        try {
            entry.engine.close();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not close a render engine", e);
        }
    }

    private static void returned(Entry entry) {
        boolean close;
        synchronized (RenderEngines.class) {
            entry.leases--;
            close = entry.leases == 0 && retired.remove(entry);
        }
        if (close) {
            closeQuietly(entry);
        }
    }

    private static final class Entry {
        final EngineSettings settings;
        final RenderEngine engine;
        int leases;

        Entry(EngineSettings settings, RenderEngine engine) {
            this.settings = settings;
            this.engine = engine;
        }
    }

    /** One render's use of an engine; close it when the render is over. Idempotent. */
    private static final class Lease implements EngineAccess.Lease {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        @Override
        public RenderEngine engine() {
            return entry.engine;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            returned(entry);
        }
    }
}
