package io.jenkins.plugins.happyhorse.client.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every charge, recorded once and durably, written ahead of the submit and confirmed after: an
 * intent is on the disk before the submit is sent ({@link #intent} returns only then), the
 * prediction id follows when the host's reply arrives ({@link #confirm}), a refusal voids the
 * intent ({@link #refuse}), and a real price reported later corrects the estimate ({@link
 * #correct}). An intent never confirmed (a crash, a lost reply) stays {@link ChargeState#PENDING}
 * and counts as spent until a resume confirms it or a lookup shows no job. Reused renders are
 * recorded as savings.
 *
 * <p>Thread-safe. Failures to read or write the ledger are {@link java.io.UncheckedIOException}s;
 * a render whose intent cannot be recorded is not submitted.
 */
public interface SpendLedger {

    /** Records {@code intent} as a pending charge and returns its id once it is on the disk. */
    String intent(SpendIntent intent);

    /** The host accepted the charge's submit as job {@code predictionId}. Idempotent. */
    void confirm(String chargeId, String predictionId);

    /** The host refused the charge's submit, or shows no job for it: nothing is charged. */
    void refuse(String chargeId, String reason);

    /** The host reported the real price of the charge: it replaces the estimate. */
    void correct(String chargeId, BigDecimal usd, String source);

    /** Records a reused render and what it saved. */
    void saving(Saving saving);

    /** The charge with this id. */
    Optional<Charge> charge(String chargeId);

    /** The charge of the host's job {@code predictionId}. */
    Optional<Charge> byPrediction(String host, String predictionId);

    /**
     * The charge recorded for the submit of the clip {@code digest} at {@code at} on {@code host},
     * so that a resumed render (perhaps in a new process) can confirm it.
     */
    Optional<Charge> bySubmit(String host, String digest, Instant at);

    /** Every charge, void ones included, oldest first. */
    List<Charge> charges();

    /** Every saving, oldest first. */
    List<Saving> savings();

    /** The queries of a report, over the ledger as it is now. */
    default SpendReport report() {
        return new SpendReport(charges(), savings());
    }
}
