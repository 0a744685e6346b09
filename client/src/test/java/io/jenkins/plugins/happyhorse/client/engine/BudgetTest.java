package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.error.BudgetExceededException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spend.Budget;
import io.jenkins.plugins.happyhorse.client.spend.BudgetLedger;
import io.jenkins.plugins.happyhorse.client.spend.BudgetScope;
import io.jenkins.plugins.happyhorse.client.spend.FileSpendLedger;
import io.jenkins.plugins.happyhorse.client.spend.SpendIntent;
import io.jenkins.plugins.happyhorse.client.spend.SpendLabels;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Budgets through the engine: a render that would go over is refused before any call; a fan-out cannot overshoot. */
class BudgetTest extends SimulatorTestSupport {
    private FileSpendLedger ledger;
    private BudgetLedger budgets;

    @BeforeEach
    void openLedger() {
        ledger = FileSpendLedger.open(dir.resolve("spend"), scheduler.clock());
        budgets = new BudgetLedger(ledger, scheduler.clock());
    }

    private static Budget controller(String usd) {
        return Budget.monthly(
                "controller monthly budget",
                new BigDecimal(usd),
                YearMonth.of(2026, 3),
                ZoneOffset.UTC,
                BudgetScope.everything());
    }

    private static Budget nightly(String usd) {
        return Budget.monthly(
                "monthly budget of nightly",
                new BigDecimal(usd),
                YearMonth.of(2026, 3),
                ZoneOffset.UTC,
                BudgetScope.job("nightly"));
    }

    @Test
    void aRenderThatWouldGoOverIsRefusedBeforeAnyCallNamingTheBudget() throws IOException {
        String spent = ledger.intent(new SpendIntent(
                scheduler.now(),
                SpendLabels.of("nightly", "6"),
                "wavespeed",
                "m",
                10,
                "1080p",
                "16:9",
                new BigDecimal("2.80"),
                "d0",
                ""));
        ledger.confirm(spent, "earlier");

        Throwable error = failure(engine.start(
                request(ProviderId.WAVESPEED).build(),
                options()
                        .spend(ledger, SpendLabels.of("nightly", "7"))
                        .budgets(budgets, List.of(controller("100.00"), nightly("3.00")))
                        .build()));

        assertThat(error)
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("The budget 'monthly budget of nightly' (2026-03) would be exceeded: 2.80 USD spent and"
                        + " 0.00 USD reserved by renders in progress, of 3.00 USD; this render would cost 0.42 USD."
                        + " Nothing was sent to the host. Raise the budget, or wait for its next period.");
        assertThat(sim.stats().requests(Route.ANY)).isZero();
        assertThat(budgets.reservations()).isEmpty();
        assertNoTemporaryFilesLeft();
    }

    @Test
    void fiftyRendersAtOnceStopAtTheBudgetAndTheLedgerEqualsTheHostsCharges() throws Exception {
        List<RenderHandle> handles = new ArrayList<>();
        RenderRequest.Builder clips = request(ProviderId.WAVESPEED);
        for (int i = 0; i < 50; i++) {
            handles.add(engine.start(
                    clips.prompt("clip " + i).build(),
                    options()
                            .output(dir.resolve("out").resolve("clip-" + i + ".mp4"))
                            .spend(ledger, SpendLabels.of("nightly", "7"))
                            .budgets(budgets, List.of(controller("1.68")))
                            .build()));
        }
        int rendered = 0;
        int refused = 0;
        for (RenderHandle h : handles) {
            try {
                h.result().get(60, TimeUnit.SECONDS);
                rendered++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(BudgetExceededException.class);
                refused++;
            }
        }
        assertThat(rendered).isEqualTo(4);
        assertThat(refused).isEqualTo(46);
        assertThat(sim.stats().submissions()).isEqualTo(4);
        assertThat(ledger.report().total()).isEqualByComparingTo(sim.stats().totalCharges());
        assertThat(ledger.report().total()).isEqualByComparingTo("1.68");
        assertThat(budgets.reservations()).isEmpty();
    }
}
