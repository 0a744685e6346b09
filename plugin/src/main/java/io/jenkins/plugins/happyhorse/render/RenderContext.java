package io.jenkins.plugins.happyhorse.render;

import hudson.model.Run;
import hudson.model.TaskListener;

/**
 * Where one render runs: its build, the build's log, its workspace (looked up again when needed),
 * what kind of build it is, and where it keeps what a resume after a restart needs.
 *
 * @param run the build
 * @param listener the build's log
 * @param workspace the workspace, looked up each time
 * @param kind a Pipeline step (which survives restarts and may wait without an executor) or a
 *     freestyle build step (which holds its executor and is aborted by a restart)
 * @param resumeStateStore keeps the resume state each time it changes
 */
public record RenderContext(
        Run<?, ?> run, TaskListener listener, WorkspaceAccess workspace, Kind kind, ResumeStateStore resumeStateStore) {

    /** The two kinds of build step that render. */
    public enum Kind {
        PIPELINE,
        FREESTYLE
    }
}
