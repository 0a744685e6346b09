package io.jenkins.plugins.happyhorse.client.job;

import java.net.URI;
import java.util.List;

/**
 * What a host says about one job, in neutral terms.
 *
 * @param id the host's job id
 * @param status the mapped status
 * @param hostStatus the host's own status word (for messages), or null
 * @param outputs output URLs, empty until the job succeeded
 * @param error the host's error text, or null
 * @param errorCode the host's error code (e.g. {@code 1039} for moderation on Atlas Cloud), or null
 * @param moderated whether the host refused the job by its content checks (moderation, or a
 *     suspected infringement): the same request would be refused again
 */
public record Prediction(
        String id,
        PredictionStatus status,
        String hostStatus,
        List<URI> outputs,
        String error,
        String errorCode,
        boolean moderated) {

    public Prediction {
        outputs = List.copyOf(outputs);
    }

    /** What a host says about a job it did not refuse by its content checks. */
    public Prediction(
            String id, PredictionStatus status, String hostStatus, List<URI> outputs, String error, String errorCode) {
        this(id, status, hostStatus, outputs, error, errorCode, false);
    }

    /** A job the host does not show yet (Atlas Cloud's first seconds after submission). */
    public static Prediction notVisibleYet(String id) {
        return new Prediction(id, PredictionStatus.QUEUED, "not visible yet", List.of(), null, null);
    }
}
