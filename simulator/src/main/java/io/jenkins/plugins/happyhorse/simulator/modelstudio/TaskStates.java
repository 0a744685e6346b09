package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.job.JobState;
import java.time.Duration;
import java.time.Instant;

/** Model Studio's words for a task's state, and how long a task id answers at all. */
final class TaskStates {
    /** How long a task id answers before it reads {@code UNKNOWN} [doc]. */
    static final Duration TASK_LIFETIME = Duration.ofHours(24);

    private TaskStates() {}

    /** Whether the host still knows {@code job} at {@code now} (simulated). */
    static boolean known(Job job, Instant now) {
        return now.isBefore(job.createdAtSimulated().plus(TASK_LIFETIME));
    }

    /** The {@code task_status} a client sees for {@code job} now: {@code UNKNOWN} once it is too old. */
    static String statusWord(Job job, Instant now) {
        return known(job, now) ? word(job.state(now)) : "UNKNOWN";
    }

    /** Model Studio's six task states [doc]; a job that never ends reads SUSPENDED [client: a state the SDK knows]. */
    static String word(JobState state) {
        switch (state) {
            case QUEUED:
                return "PENDING";
            case PROCESSING:
                return "RUNNING";
            case SUCCEEDED:
                return "SUCCEEDED";
            case FAILED:
            case MODERATED:
            case TIMED_OUT:
                return "FAILED";
            case CANCELLED:
                return "CANCELED";
            default:
                return "SUSPENDED";
        }
    }
}
