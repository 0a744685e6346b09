package io.jenkins.plugins.happyhorse.client.spend;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A render that was not paid for because an identical clip was reused.
 *
 * @param at when it was reused
 * @param labels who would have spent
 * @param host the host the clip was rendered on
 * @param digest the clip's digest
 * @param usd what the reused clip had cost (and this render saved)
 * @param source who paid for it (the caller's label of the producing render)
 * @param predictionId the producing job's id
 */
public record Saving(
        Instant at,
        SpendLabels labels,
        String host,
        String digest,
        BigDecimal usd,
        String source,
        String predictionId) {
    public Saving {
        digest = digest == null ? "" : digest;
        source = source == null ? "" : source;
        predictionId = predictionId == null ? "" : predictionId;
    }
}
