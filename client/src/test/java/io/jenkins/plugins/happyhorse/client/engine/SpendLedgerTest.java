package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.error.StorageException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spend.Charge;
import io.jenkins.plugins.happyhorse.client.spend.ChargeState;
import io.jenkins.plugins.happyhorse.client.spend.FileSpendLedger;
import io.jenkins.plugins.happyhorse.client.spend.SpendIntent;
import io.jenkins.plugins.happyhorse.client.spend.SpendLabels;
import io.jenkins.plugins.happyhorse.client.spend.SpendLedger;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The spend ledger through the engine: the intent is on the disk before the submit is sent, the
 * reply confirms it, a lost reply leaves it pending until a resume confirms it, and a host that
 * shows no job voids it. Whatever happens, the ledger equals the host's charges to the cent.
 */
class SpendLedgerTest extends SimulatorTestSupport {

    private FileSpendLedger ledger() {
        return FileSpendLedger.open(dir.resolve("spend"), scheduler.clock());
    }

    private RenderOptions.Builder spending(FileSpendLedger ledger) {
        return options().spend(ledger, SpendLabels.of("folder/nightly", "12"));
    }

    @Test
    void theIntentIsDurableBeforeTheSubmitAndTheReplyConfirmsIt() throws IOException {
        FileSpendLedger ledger = ledger();
        List<String> seen = new CopyOnWriteArrayList<>();
        // Notes, at each record, how many submits the host had received and what a fresh ledger reads.
        SpendLedger watching = new ForwardingLedger(ledger) {
            @Override
            public String intent(SpendIntent intent) {
                String id = super.intent(intent);
                seen.add("intent after " + sim.stats().requests(Route.WS_SUBMIT) + " submits, "
                        + ledger().charges().size() + " on the disk");
                return id;
            }

            @Override
            public void confirm(String chargeId, String predictionId) {
                seen.add("confirm after " + sim.stats().requests(Route.WS_SUBMIT) + " submits");
                super.confirm(chargeId, predictionId);
            }
        };
        RenderResult result = await(engine.start(
                request(ProviderId.WAVESPEED).build(),
                options()
                        .spend(watching, SpendLabels.of("folder/nightly", "12"))
                        .build()));

        assertThat(seen).containsExactly("intent after 0 submits, 1 on the disk", "confirm after 1 submits");
        Charge charge = ledger.charges().get(0);
        assertThat(charge.state()).isEqualTo(ChargeState.CONFIRMED);
        assertThat(charge.predictionId()).isEqualTo(result.predictionId());
        assertThat(charge.labels()).isEqualTo(SpendLabels.of("folder/nightly", "12"));
        assertThat(charge.host()).isEqualTo("wavespeed");
        assertThat(charge.seconds()).isEqualTo(3);
        assertThat(charge.resolution()).isEqualTo("720p");
        assertThat(charge.at()).isEqualTo(result.timings().submittedAt());
        assertThat(ledger.report().total()).isEqualByComparingTo(sim.stats().totalCharges());
    }

    @Test
    void aLostReplyLeavesTheChargePendingUntilAResumeConfirmsIt() throws IOException {
        sim.faults().next(Route.AC_SUBMIT, Fault.lostSubmitReply());
        sim.faults().next(Route.AC_HISTORY, Fault.status(500), 10);
        RenderHandle handle = engine.start(
                request(ProviderId.ATLASCLOUD).build(), spending(ledger()).build());
        assertThat(failure(handle)).isInstanceOf(SubmissionUncertainException.class);

        // A restart: a fresh ledger reads the intent back, pending, and counts it.
        FileSpendLedger afterRestart = ledger();
        assertThat(afterRestart.charges()).extracting(Charge::state).containsExactly(ChargeState.PENDING);
        assertThat(afterRestart.report().total())
                .isEqualByComparingTo(sim.stats().totalCharges());

        sim.faults().clear();
        RenderResult resumed = await(engine.resume(
                handle.checkpoint().orElseThrow(),
                options()
                        .spend(afterRestart, SpendLabels.of("folder/nightly", "12"))
                        .build()));
        Charge confirmed = afterRestart.charges().get(0);
        assertThat(confirmed.state()).isEqualTo(ChargeState.CONFIRMED);
        assertThat(confirmed.predictionId()).isEqualTo(resumed.predictionId());
        assertThat(afterRestart.charges()).hasSize(1);
        assertThat(sim.stats().submissions()).isEqualTo(1);
    }

    @Test
    void aHostThatShowsNoJobVoidsTheCharge() throws IOException {
        FileSpendLedger ledger = ledger();
        sim.faults().next(Route.AC_SUBMIT, Fault.status(500));
        Throwable error = failure(engine.start(
                request(ProviderId.ATLASCLOUD).build(), spending(ledger).build()));
        assertThat(error).isInstanceOf(SubmissionUncertainException.class).hasMessageContaining("shows no job");
        assertThat(ledger.charges()).extracting(Charge::state).containsExactly(ChargeState.VOID);
        assertThat(ledger.report().total())
                .isEqualByComparingTo(sim.stats().totalCharges())
                .isZero();
    }

    @Test
    void aWaveSpeedReplyLostStaysAnUncertainChargeThatCounts() throws IOException {
        FileSpendLedger ledger = ledger();
        sim.faults().next(Route.WS_SUBMIT, Fault.lostSubmitReply());
        failure(engine.start(
                request(ProviderId.WAVESPEED).build(), spending(ledger).build()));
        assertThat(ledger.charges()).extracting(Charge::state).containsExactly(ChargeState.PENDING);
        assertThat(ledger.report().total())
                .isEqualByComparingTo(sim.stats().totalCharges())
                .isEqualByComparingTo("0.42");
    }

    @Test
    void aRefusedSubmitIsVoid() throws IOException {
        FileSpendLedger ledger = ledger();
        sim.faults().next(Route.WS_SUBMIT, Fault.status(400));
        failure(engine.start(
                request(ProviderId.WAVESPEED).build(), spending(ledger).build()));
        assertThat(ledger.charges()).extracting(Charge::state).containsExactly(ChargeState.VOID);
    }

    @Test
    void aLedgerThatCannotBeWrittenStopsTheRenderBeforeTheSubmit() throws IOException {
        FileSpendLedger ledger = ledger();
        // The month's file cannot be written: a folder stands in its place (whoever runs the test).
        Files.createDirectories(dir.resolve("spend").resolve("2026-03.jsonl"));
        Throwable error = failure(engine.start(
                request(ProviderId.WAVESPEED).build(), spending(ledger).build()));
        assertThat(error)
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("could not be recorded in the spend ledger before submitting")
                .hasMessageContaining("nothing was submitted");
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isZero();
    }
}
