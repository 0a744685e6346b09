package io.jenkins.plugins.happyhorse.render;

import java.io.Serializable;

/**
 * What a render keeps so that it can be picked up after a controller restart without submitting
 * again: the user's plain values, the credential's id (never the key), where the clip goes, the
 * deadline, whether the step ran in a workspace, and the engine's checkpoint as JSON (ids and
 * digests only). A clip being collected by its prediction id keeps the same, its checkpoint the
 * adopted job's.
 */
public final class ResumeState implements Serializable {
    private static final long serialVersionUID = 2L;

    private final RenderParameters parameters;
    private final String credentialsId;
    private final String output;
    private final int number;
    private final long deadlineEpochMillis;
    private final String checkpointJson;
    private final boolean inWorkspace;

    /**
     * @param parameters the user's values
     * @param credentialsId the credential holding the key (after the global default)
     * @param output the clip's path relative to the workspace
     * @param number the render's number in its build
     * @param deadlineEpochMillis the engine-clock instant by which the render must be over
     * @param checkpointJson the engine's checkpoint, as JSON, or null before the first one
     * @param inWorkspace whether the step ran with a workspace, which the clip is then written to
     */
    public ResumeState(
            RenderParameters parameters,
            String credentialsId,
            String output,
            int number,
            long deadlineEpochMillis,
            String checkpointJson,
            boolean inWorkspace) {
        this.parameters = parameters;
        this.credentialsId = credentialsId;
        this.output = output;
        this.number = number;
        this.deadlineEpochMillis = deadlineEpochMillis;
        this.checkpointJson = checkpointJson;
        this.inWorkspace = inWorkspace;
    }

    /** This state with the deadline and the checkpoint as they are now. */
    ResumeState at(long deadlineEpochMillis, String checkpointJson) {
        return new ResumeState(
                parameters, credentialsId, output, number, deadlineEpochMillis, checkpointJson, inWorkspace);
    }

    public RenderParameters parameters() {
        return parameters;
    }

    public String credentialsId() {
        return credentialsId;
    }

    public String output() {
        return output;
    }

    public int number() {
        return number;
    }

    public long deadlineEpochMillis() {
        return deadlineEpochMillis;
    }

    public String checkpointJson() {
        return checkpointJson;
    }

    public boolean inWorkspace() {
        return inWorkspace;
    }
}
