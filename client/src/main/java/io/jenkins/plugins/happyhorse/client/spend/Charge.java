package io.jenkins.plugins.happyhorse.client.spend;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One charge as the ledger knows it now: the intent recorded before the submit, with what came
 * after (the prediction id, a refusal, a corrected price) folded in.
 *
 * @param id the ledger's id of the charge
 * @param at when the submit was sent
 * @param labels who spent
 * @param host the host's id
 * @param model the model id
 * @param predictionId the host's job id, empty until confirmed
 * @param seconds the clip's duration
 * @param resolution e.g. {@code 720p}
 * @param aspectRatio e.g. {@code 16:9}
 * @param estimate the estimate recorded with the intent
 * @param cost what is charged: the estimate, or the real price once the host reported it
 * @param costSource {@code estimate}, or where the real price came from
 * @param state where it stands
 * @param digest the clip's digest
 * @param reservation the budget reservation it carries, or empty
 */
public record Charge(
        String id,
        Instant at,
        SpendLabels labels,
        String host,
        String model,
        String predictionId,
        int seconds,
        String resolution,
        String aspectRatio,
        BigDecimal estimate,
        BigDecimal cost,
        String costSource,
        ChargeState state,
        String digest,
        String reservation) {

    /** The cost source of a charge at its estimate. */
    public static final String ESTIMATE = "estimate";

    /** A fresh charge for {@code intent}, pending. */
    static Charge of(String id, SpendIntent intent) {
        return new Charge(
                id,
                intent.at(),
                intent.labels(),
                intent.host(),
                intent.model(),
                "",
                intent.seconds(),
                intent.resolution(),
                intent.aspectRatio(),
                intent.estimate(),
                intent.estimate(),
                ESTIMATE,
                ChargeState.PENDING,
                intent.digest(),
                intent.reservation());
    }

    Charge confirmed(String prediction) {
        return new Charge(
                id,
                at,
                labels,
                host,
                model,
                prediction,
                seconds,
                resolution,
                aspectRatio,
                estimate,
                cost,
                costSource,
                ChargeState.CONFIRMED,
                digest,
                reservation);
    }

    Charge voided() {
        return new Charge(
                id,
                at,
                labels,
                host,
                model,
                predictionId,
                seconds,
                resolution,
                aspectRatio,
                estimate,
                cost,
                costSource,
                ChargeState.VOID,
                digest,
                reservation);
    }

    Charge corrected(BigDecimal real, String source) {
        return new Charge(
                id,
                at,
                labels,
                host,
                model,
                predictionId,
                seconds,
                resolution,
                aspectRatio,
                estimate,
                real,
                source,
                state,
                digest,
                reservation);
    }

    /** What it counts as spent: its cost, or zero when void. */
    public BigDecimal spent() {
        return state.counts() ? cost : BigDecimal.ZERO;
    }
}
