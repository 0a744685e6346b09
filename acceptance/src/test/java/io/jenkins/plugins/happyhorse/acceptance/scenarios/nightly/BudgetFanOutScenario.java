package io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.HappyHorseSettings;
import io.jenkins.plugins.happyhorse.acceptance.pages.PipelineJob;
import io.jenkins.plugins.happyhorse.acceptance.pages.SpendLedger;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ClipChecks;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Scenario N3: the monthly budget of each job is reached in the middle of a parallel fan-out of
 * ten different clips: exactly as many as the budget affords are sent and rendered (their
 * estimates reserved at once), the others are refused before any call, each saying so with the
 * budget's message. Once the group's renders are over, the spend ledger's total equals what the
 * host charged, to the cent.
 *
 * <p>The budget (4.5 clips' worth) is set when the group starts, so that the fan-out renders side
 * by side with the other scenarios; their jobs stay well within it.
 */
public abstract class BudgetFanOutScenario {
    public static final String JOB = "n03-budget-fan-out";
    public static final String MARKER = "[n03]";
    public static final int CLIPS = 10;
    public static final int AFFORDABLE = 4;

    /** Four clips and a half: the fifth would go over. */
    public static final BigDecimal JOB_BUDGET =
            ClipChecks.PRICE_3S_720P.multiply(new BigDecimal("4.5")).setScale(2);

    private static final String REFUSED =
            "[HappyHorse] Refused before any call: The budget 'monthly budget of " + JOB + "'";

    protected abstract Testbed bed();

    /** Sets each job's monthly budget and starts the fan-out, once. */
    public static Build start(Testbed bed) {
        return bed.started(JOB + "#1", () -> {
            new HappyHorseSettings(bed.jenkins().scriptConsole())
                    .set("jobMonthlyBudget", JOB_BUDGET.toPlainString())
                    .apply();
            String script =
                    """
                    def branches = [:]
                    for (int i = 1; i <= %1$d; i++) {
                        def n = i
                        branches['clip ' + n] = {
                            happyHorseRender(images: ['https://images.example.invalid/budget-' + n + '.png'],
                                prompt: '%2$s clip ' + n + ' of the fan-out', duration: 3, resolution: '720p',
                                aspectRatio: '16:9', credentialsId: '%3$s', output: 'clips/clip-' + n + '.mp4')
                            echo 'within budget: clip ' + n
                        }
                    }
                    parallel branches
                    """
                            .formatted(CLIPS, MARKER, Testbed.CREDENTIALS_ID);
            return PipelineJob.create(bed.admin(), JOB, script).scheduleBuild();
        });
    }

    @Test
    void aBudgetReachedInTheMiddleOfAFanOutRendersExactlyWhatItAffords(TestReporter reporter) throws Exception {
        Testbed bed = bed();
        Build build = start(bed);
        String result = build.awaitResult(Bounds.RENDER);
        String log = build.console();

        SimulatorCounters counters = bed.simulator().counters();
        SpendLedger ledger = new SpendLedger(bed.jenkins().scriptConsole());
        BigDecimal ledgerTotal = ledger.total();
        BigDecimal ledgerOfJob =
                ledger.chargesOf(JOB).stream().map(SpendLedger.Charge::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
        String figures = String.format(
                Locale.ROOT,
                "job budget %s USD: %d of %d clips rendered (%s USD in the ledger), %d refused before any call;"
                        + " the controller's ledger %s USD, the host's charges %s USD%n",
                JOB_BUDGET.toPlainString(),
                counters.jobsFor(MARKER).size(),
                CLIPS,
                ledgerOfJob.toPlainString(),
                RenderLog.lines(log, REFUSED),
                ledgerTotal.toPlainString(),
                counters.charges("total").toPlainString());
        reporter.publishEntry("scenario N3 budget in a fan-out", figures);
        System.out.println("Scenario N3, " + figures);
        Files.writeString(bed.reports().resolve("scenario-n3-budget-fan-out.txt"), figures, StandardCharsets.UTF_8);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(result)
                .as("a fan-out with refused branches fails; log:\n%s", log)
                .isEqualTo("FAILURE");
        soft.assertThat(counters.jobsFor(MARKER)).as("submissions").hasSize(AFFORDABLE);
        soft.assertThat(RenderLog.lines(log, "within budget: clip ")).isEqualTo(AFFORDABLE);
        soft.assertThat(RenderLog.lines(log, REFUSED))
                .as("refusals naming the budget, one per refused branch")
                .isEqualTo(CLIPS - AFFORDABLE);
        soft.assertThat(log).contains("this render would cost 0.42 USD. Nothing was sent to the host");
        soft.assertThat(ledgerOfJob)
                .isEqualByComparingTo(ClipChecks.PRICE_3S_720P.multiply(BigDecimal.valueOf(AFFORDABLE)));
        soft.assertThat(ledgerTotal)
                .as("the ledger's total against the host's charges")
                .isEqualByComparingTo(counters.charges("total"));
        soft.assertAll();
    }
}
