package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.spend.Charge;
import io.jenkins.plugins.happyhorse.client.spend.Saving;
import io.jenkins.plugins.happyhorse.client.spend.SpendIntent;
import io.jenkins.plugins.happyhorse.client.spend.SpendLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A ledger that passes everything to another, for tests that watch what the engine records when. */
class ForwardingLedger implements SpendLedger {
    private final SpendLedger to;

    ForwardingLedger(SpendLedger to) {
        this.to = to;
    }

    @Override
    public String intent(SpendIntent intent) {
        return to.intent(intent);
    }

    @Override
    public void confirm(String chargeId, String predictionId) {
        to.confirm(chargeId, predictionId);
    }

    @Override
    public void refuse(String chargeId, String reason) {
        to.refuse(chargeId, reason);
    }

    @Override
    public void correct(String chargeId, BigDecimal usd, String source) {
        to.correct(chargeId, usd, source);
    }

    @Override
    public void saving(Saving saving) {
        to.saving(saving);
    }

    @Override
    public Optional<Charge> charge(String chargeId) {
        return to.charge(chargeId);
    }

    @Override
    public Optional<Charge> byPrediction(String host, String predictionId) {
        return to.byPrediction(host, predictionId);
    }

    @Override
    public Optional<Charge> bySubmit(String host, String digest, Instant at) {
        return to.bySubmit(host, digest, at);
    }

    @Override
    public List<Charge> charges() {
        return to.charges();
    }

    @Override
    public List<Saving> savings() {
        return to.savings();
    }
}
