package io.jenkins.plugins.happyhorse.client.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.happyhorse.client.error.BudgetExceededException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets: atomic reservations, the refusal's message, and a charge counted exactly once. */
class BudgetLedgerTest {
    private static final Instant T0 = Instant.parse("2026-03-14T02:00:00Z");
    private static final BigDecimal CLIP = new BigDecimal("1.40");

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(T0);

    private static Budget controller(String limit) {
        return Budget.monthly(
                "controller monthly budget",
                new BigDecimal(limit),
                YearMonth.of(2026, 3),
                ZoneOffset.UTC,
                BudgetScope.everything());
    }

    private static Budget job(String name, String limit) {
        return Budget.monthly(
                "monthly budget of " + name,
                new BigDecimal(limit),
                YearMonth.of(2026, 3),
                ZoneOffset.UTC,
                BudgetScope.job(name));
    }

    @Test
    void fiftyReservationsAtOnceAgainstABudgetForTwentyLetExactlyTwentyThrough() throws Exception {
        BudgetLedger budgets = new BudgetLedger(FileSpendLedger.open(dir, clock), clock);
        List<Budget> limits = List.of(controller("28.00"));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String build = Integer.toString(i);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        budgets.reserve(limits, SpendLabels.of("nightly", build), "wavespeed", CLIP);
                        return true;
                    } catch (BudgetExceededException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            long granted = 0;
            for (Future<Boolean> f : results) {
                granted += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(granted).isEqualTo(20);
            assertThat(budgets.status(limits.get(0)).reserved()).isEqualByComparingTo("28.00");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRenderThatWouldGoOverIsRefusedNamingTheBudgetWhatIsSpentReservedAndItsCost() {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        BudgetLedger budgets = new BudgetLedger(ledger, clock);
        String paid = ledger.intent(FileSpendLedgerTest.intent(T0, "nightly", "40", "2.80", "d1"));
        ledger.confirm(paid, "p1");
        ledger.intent(FileSpendLedgerTest.intent(T0, "nightly", "40", "1.40", "d2")); // uncertain
        budgets.reserve(List.of(controller("6.00")), SpendLabels.of("nightly", "41"), "wavespeed", CLIP);

        assertThatThrownBy(() -> budgets.reserve(
                        List.of(job("nightly", "100"), controller("6.00")),
                        SpendLabels.of("nightly", "41"),
                        "wavespeed",
                        CLIP))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("The budget 'controller monthly budget' (2026-03) would be exceeded: 4.20 USD spent (1.40"
                        + " USD of it uncertain) and 1.40 USD reserved by renders in progress, of 6.00 USD; this render"
                        + " would cost 1.40 USD. Nothing was sent to the host. Raise the budget, or wait for its next"
                        + " period.");
        assertThat(budgets.reservations())
                .as("nothing reserved by the refused render")
                .hasSize(1);
    }

    @Test
    void aJobsBudgetCountsOnlyThatJob() {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        BudgetLedger budgets = new BudgetLedger(ledger, clock);
        ledger.confirm(ledger.intent(FileSpendLedgerTest.intent(T0, "promo", "1", "9.00", "d1")), "p1");
        Reservation r =
                budgets.reserve(List.of(job("nightly", "1.40")), SpendLabels.of("nightly", "1"), "wavespeed", CLIP);
        assertThat(r.held()).isTrue();
        assertThatThrownBy(() -> budgets.reserve(
                        List.of(job("nightly", "1.40")), SpendLabels.of("nightly", "2"), "wavespeed", CLIP))
                .hasMessageContaining("'monthly budget of nightly'")
                .hasMessageContaining("0.00 USD spent and 1.40 USD reserved");
    }

    @Test
    void aChargeUnderALiveReservationCountsOnceWhateverTheOrderOfWriteAndSettlement() {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        BudgetLedger budgets = new BudgetLedger(ledger, clock);
        Budget b = controller("10.00");
        Reservation r = budgets.reserve(List.of(b), SpendLabels.of("nightly", "1"), "wavespeed", CLIP);
        assertThat(budgets.status(b).reserved()).isEqualByComparingTo("1.40");

        String id = ledger.intent(new SpendIntent(
                T0, SpendLabels.of("nightly", "1"), "wavespeed", "m", 10, "1080p", "16:9", CLIP, "d1", r.id()));
        assertThat(budgets.status(b).spent().add(budgets.status(b).reserved())).isEqualByComparingTo("1.40");
        ledger.confirm(id, "p1");
        assertThat(budgets.status(b).spent().add(budgets.status(b).reserved())).isEqualByComparingTo("1.40");
        r.settle();
        assertThat(budgets.status(b).spent()).isEqualByComparingTo("1.40");
        assertThat(budgets.status(b).reserved()).isEqualByComparingTo("0");
        r.release(); // after settling: nothing changes
        assertThat(budgets.status(b).spent()).isEqualByComparingTo("1.40");
    }

    @Test
    void aReleasedReservationFreesItsAmountAndAPendingChargeTakesItsPlace() {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        BudgetLedger budgets = new BudgetLedger(ledger, clock);
        Budget b = controller("2.80");
        Reservation refused = budgets.reserve(List.of(b), SpendLabels.none(), "wavespeed", CLIP);
        refused.release();
        Reservation lost = budgets.reserve(List.of(b), SpendLabels.none(), "wavespeed", CLIP);
        ledger.intent(
                new SpendIntent(T0, SpendLabels.none(), "wavespeed", "m", 10, "1080p", "16:9", CLIP, "d1", lost.id()));
        lost.release();
        BudgetStatus s = budgets.status(b);
        assertThat(s.spent()).isEqualByComparingTo("1.40");
        assertThat(s.uncertain()).isEqualByComparingTo("1.40");
        assertThat(s.left()).isEqualByComparingTo("1.40");
    }
}
