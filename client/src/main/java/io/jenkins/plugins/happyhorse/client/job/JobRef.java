package io.jenkins.plugins.happyhorse.client.job;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.util.Objects;

/**
 * A job on a host: which host, and the prediction id it gave the job. Enough to ask about the job
 * or collect its clip, never to submit it again.
 *
 * @param provider the host
 * @param predictionId the host's id of the job, as it gave it (surrounding blanks removed)
 */
public record JobRef(ProviderId provider, String predictionId) {
    public JobRef {
        Objects.requireNonNull(provider, "provider");
        if (predictionId == null || predictionId.isBlank()) {
            throw new IllegalArgumentException("A job needs the prediction id its host gave it");
        }
        predictionId = predictionId.strip();
    }

    @Override
    public String toString() {
        return provider.displayName() + " prediction " + predictionId;
    }
}
