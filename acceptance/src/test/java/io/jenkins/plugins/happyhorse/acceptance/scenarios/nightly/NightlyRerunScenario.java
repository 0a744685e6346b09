package io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly;

import static io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.NightlyJobs.NIGHTLY;
import static io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.NightlyJobs.NIGHTLY_MARKER;
import static io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.NightlyJobs.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.fixtures.Bounds;
import io.jenkins.plugins.happyhorse.acceptance.fixtures.RenderLog;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.SpendLedger;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ClipChecks;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Scenario N1: a nightly job of three clips run again with unchanged inputs pays nothing (no
 * submission, no charge at the host), each clip reused from the first night's build, archived and
 * named in the log; a third night with one picture changed pays for that clip only. The ledger
 * holds the four charges with their job and build. Methods run in name order.
 */
public abstract class NightlyRerunScenario {

    protected abstract Testbed bed();

    @Test
    void a1SecondNightWithUnchangedInputsSubmitsNothingAndChargesNothing(TestReporter reporter) throws IOException {
        Testbed bed = bed();
        Build first = NightlyJobs.firstNight(bed);
        assertThat(first.awaitResult(Bounds.RENDER))
                .as("first night; log:\n%s", first.console())
                .isEqualTo("SUCCESS");
        SimulatorCounters afterFirst = bed.simulator().counters();
        assertThat(afterFirst.jobsFor(NIGHTLY_MARKER))
                .as("first night's submissions")
                .hasSize(PRODUCTS.size());
        BigDecimal chargedFirst = afterFirst.chargesFor(NIGHTLY_MARKER);
        long submissionsBefore = afterFirst.submissions("total");
        BigDecimal chargesBefore = afterFirst.charges("total");

        long started = System.nanoTime();
        Build second = first.job().scheduleBuild();
        String result = second.awaitResult(Bounds.RENDER);
        double seconds = (System.nanoTime() - started) / 1e9;
        String log = second.console();

        SimulatorCounters afterSecond = bed.simulator().counters();
        String figures = String.format(
                Locale.ROOT,
                "nightly job of %d clips: first night %d submissions, %s USD; second night %d submissions, %s USD,"
                        + " %.1f s for the build (%.2f s per clip)%n",
                PRODUCTS.size(),
                PRODUCTS.size(),
                chargedFirst.toPlainString(),
                afterSecond.submissions("total") - submissionsBefore,
                afterSecond.charges("total").subtract(chargesBefore).toPlainString(),
                seconds,
                seconds / PRODUCTS.size());
        reporter.publishEntry("scenario N1 nightly twice", figures);
        System.out.println("Scenario N1, " + figures);
        Files.writeString(bed.reports().resolve("scenario-n1-nightly-twice.txt"), figures, StandardCharsets.UTF_8);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(result).as("second night; log:\n%s", log).isEqualTo("SUCCESS");
        soft.assertThat(afterSecond.submissions("total"))
                .as("submissions during the second night")
                .isEqualTo(submissionsBefore);
        soft.assertThat(afterSecond.charges("total"))
                .as("host charges during the second night")
                .isEqualByComparingTo(chargesBefore);
        for (String product : PRODUCTS) {
            soft.assertThat(log).contains("clip " + product + ": reused=true from=" + NIGHTLY + " #1 cost=0");
        }
        soft.assertThat(RenderLog.lines(log, "Reused the clip of " + NIGHTLY + " #1"))
                .as("log lines naming the build that paid")
                .isEqualTo(PRODUCTS.size());
        soft.assertThat(RenderLog.lines(log, "saved 0.42 USD")).isEqualTo(PRODUCTS.size());
        soft.assertThat(RenderLog.lines(log, "Submitted as")).isZero();
        soft.assertAll();
        for (String product : PRODUCTS) {
            ClipChecks.assertArchivedClip(second, "clips/" + product + ".mp4");
        }
        assertThat(second.page().body()).as("the build page").contains("Reused from");
    }

    @Test
    void a2ThirdNightWithOnePictureChangedPaysForThatClipOnly() {
        Testbed bed = bed();
        Build first = NightlyJobs.firstNight(bed);
        first.awaitResult(Bounds.RENDER);
        List<SimulatorCounters.Job> before = bed.simulator().counters().jobsFor(NIGHTLY_MARKER);
        // The build after the last one: the third night when the scenario runs in order.
        Build night = first.job().scheduleBuild();
        assertThat(night.number()).as("the night the picture changes").isGreaterThanOrEqualTo(3);

        String result = night.awaitResult(Bounds.RENDER);
        String log = night.console();

        List<SimulatorCounters.Job> after = bed.simulator().counters().jobsFor(NIGHTLY_MARKER);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(result).as("result; log:\n%s", log).isEqualTo("SUCCESS");
        soft.assertThat(after.size() - before.size()).as("new submissions").isEqualTo(1);
        soft.assertThat(after.get(after.size() - 1).prompt()).contains("bravo");
        soft.assertThat(log).contains("clip bravo: reused=false from=null cost=0.42");
        soft.assertThat(log).contains("clip alpha: reused=true from=" + NIGHTLY + " #1");
        soft.assertThat(log).contains("clip charlie: reused=true from=" + NIGHTLY + " #1");
        // The ledger: three charges of the first night, one of this one, each with its job and build.
        List<SpendLedger.Charge> charges = new SpendLedger(bed.jenkins().scriptConsole()).chargesOf(NIGHTLY);
        soft.assertThat(charges)
                .extracting(SpendLedger.Charge::build)
                .containsExactlyInAnyOrder("1", "1", "1", String.valueOf(night.number()));
        soft.assertThat(charges).extracting(SpendLedger.Charge::state).containsOnly("CONFIRMED");
        soft.assertAll();
        ClipChecks.assertArchivedClip(night, "clips/bravo.mp4");
    }
}
