package io.jenkins.plugins.happyhorse.simulator.fault;

/** How a simulated job ends. Chosen when the job is submitted; {@link #SUCCEED} unless scripted. */
public enum Outcome {
    /** Completes with a clip that matches the request. */
    SUCCEED,
    /** Ends as failed (WaveSpeed: HTTP 200, status failed; Atlas Cloud: HTTP 200 or 500, seeded). */
    FAIL,
    /** Ends with status {@code timeout}. */
    TIMEOUT,
    /** Ends as cancelled ({@code cancelled}; Atlas Cloud also spells it {@code canceled}). */
    CANCEL,
    /** Ends as failed because moderation refused it (Atlas Cloud error_code 1039). */
    MODERATION,
    /**
     * Ends as failed because the host suspects an infringement of intellectual property (Model
     * Studio code {@code IPInfringementSuspect}); the other hosts show it as a moderation refusal.
     */
    IP_INFRINGEMENT,
    /** Completes, but the clip is two seconds off the requested duration. */
    WRONG_DURATION,
    /** Completes, but the clip's short side is 480 pixels instead of 720 or 1080. */
    WRONG_SIZE,
    /** Stops on a status word neither host documents, and never finishes. */
    UNKNOWN_STATUS,
    /** Completes, but the output URL answers 403 or 404 (seeded), as an expired link does. */
    EXPIRED_OUTPUT
}
