package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import java.io.IOException;

/**
 * The build's workspace, asked for again each time it is needed. A {@link FilePath} holds the
 * channel of its agent: one taken when the step started is useless after the agent reconnected
 * (while the host rendered, say), so the clip is delivered to a freshly looked-up one.
 */
@FunctionalInterface
public interface WorkspaceAccess {

    /**
     * The workspace now, or null when there is none (outside {@code node {}}) or its agent is not
     * connected.
     */
    @CheckForNull
    FilePath current() throws IOException, InterruptedException;

    /** No workspace at all (outside {@code node {}}). */
    static WorkspaceAccess none() {
        return () -> null;
    }
}
