package io.jenkins.plugins.happyhorse.render;

import java.io.Serializable;

/**
 * What a render keeps so that it can be picked up after a controller restart without submitting
 * again: the user's plain values, the credential's id (never the key), where the clip goes, the
 * deadline, and the engine's checkpoint as JSON (ids and digests only).
 */
public final class ResumeState implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RenderParameters parameters;
    private final String credentialsId;
    private final String output;
    private final int number;
    private final long deadlineEpochMillis;
    private final String checkpointJson;

    /**
     * @param parameters the user's values
     * @param credentialsId the credential holding the key (after the global default)
     * @param output the clip's path relative to the workspace
     * @param number the render's number in its build
     * @param deadlineEpochMillis the engine-clock instant by which the render must be over
     * @param checkpointJson the engine's checkpoint, as JSON
     */
    public ResumeState(
            RenderParameters parameters,
            String credentialsId,
            String output,
            int number,
            long deadlineEpochMillis,
            String checkpointJson) {
        this.parameters = parameters;
        this.credentialsId = credentialsId;
        this.output = output;
        this.number = number;
        this.deadlineEpochMillis = deadlineEpochMillis;
        this.checkpointJson = checkpointJson;
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
}
