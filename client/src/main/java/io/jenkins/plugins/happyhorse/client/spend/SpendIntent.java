package io.jenkins.plugins.happyhorse.client.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * What a render is about to be charged for, recorded before its submit is sent.
 *
 * @param at when the submit is sent (engine clock)
 * @param labels who spends
 * @param host the host's id, e.g. {@code wavespeed}
 * @param model the model id
 * @param seconds the clip's duration
 * @param resolution e.g. {@code 720p}
 * @param aspectRatio e.g. {@code 16:9}
 * @param estimate the estimated cost in USD, charged until the host reports the real price
 * @param digest the clip's digest ({@code ClipSpec.digest()}), to find the charge again on resume
 * @param reservation the budget reservation this charge carries, or empty
 */
public record SpendIntent(
        Instant at,
        SpendLabels labels,
        String host,
        String model,
        int seconds,
        String resolution,
        String aspectRatio,
        BigDecimal estimate,
        String digest,
        String reservation) {
    public SpendIntent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(estimate, "estimate");
        model = model == null ? "" : model;
        resolution = resolution == null ? "" : resolution;
        aspectRatio = aspectRatio == null ? "" : aspectRatio;
        digest = digest == null ? "" : digest;
        reservation = reservation == null ? "" : reservation;
    }
}
