package io.jenkins.plugins.happyhorse.engine;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.net.URI;

/**
 * What a render needs of the controller's engine: an engine to borrow and the engine's clock. Renders are handed one ({@link #controller()} in Jenkins, a stand-in in a test)
 * rather than reaching for a static registry.
 */
public interface EngineAccess {

    /**
     * The engine for the settings in force now, held until the lease is closed.
     *
     * @throws AbortException when Jenkins is stopping or an administrator's setting is unusable
     */
    Lease lease() throws AbortException;

    /** The engine's clock, which deadlines that survive a restart are measured on. */
    EngineScheduler clock();

    /**
     * The number of times Jenkins stopped in this process so far. A render started in an earlier
     * epoch belongs to a Jenkins that is gone (its engine was closed under it).
     */
    int epoch();

    /** Whether Jenkins is stopping, so that a render it interrupts resumes after the restart. */
    boolean isStopping();

    /**
     * The URL the host is asked to call back when the job ends, while completion by webhook is on;
     * null for polling alone (the default of a stand-in).
     */
    default @CheckForNull URI webhook() {
        return null;
    }

    /** The controller's engines and clock. */
    static EngineAccess controller() {
        return RenderEngines.ACCESS;
    }

    /** One render's use of an engine; closing it (idempotent) gives the engine back. */
    interface Lease extends AutoCloseable {
        /** The engine. */
        RenderEngine engine();

        @Override
        void close();
    }
}
