package io.jenkins.plugins.happyhorse.client.provider;

/** How a host can be asked about a submit whose reply was lost, and so how sure a match is. */
public enum SubmissionLookup {
    /** The host lists no jobs: a lost reply cannot be looked up (WaveSpeed). */
    NONE,
    /**
     * The host lists recent jobs with their inputs (Atlas Cloud's history): a job matches when the
     * digest of its inputs is the digest of what was submitted.
     */
    BY_INPUT,
    /**
     * The host lists recent jobs without their inputs (Model Studio's task list): a job can only be
     * a candidate by its model and the time it was created, so a match is sure only when no other
     * submit of the same account could have made it.
     */
    BY_MODEL_AND_TIME
}
