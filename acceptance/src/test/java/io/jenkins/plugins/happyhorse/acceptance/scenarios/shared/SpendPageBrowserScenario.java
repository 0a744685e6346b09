package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.acceptance.browser.Browser;
import io.jenkins.plugins.happyhorse.acceptance.browser.SpendPageView;
import io.jenkins.plugins.happyhorse.acceptance.harness.JenkinsController;
import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Scenario 18: after the controller's renders, Manage Jenkins » HappyHorse spend in headless
 * Chromium. The page draws its chart (an SVG of 90 bars), and what it shows for the days of this run
 * equals what the simulator charged, to the cent; the CSV download holds the same total, one
 * counted charge per accepted submission; scenario 6's job page shows that job's charges alone.
 * The browser's console shows no error, content security policy included. Full-page screenshots go
 * to {@code target/screenshots/spend-page.png} and {@code spend-job.png}.
 */
public abstract class SpendPageBrowserScenario {
    private static final String PAGE = "manage/happyhorse-spend/";
    private static final int USD = 9;
    private static final int STATE = 11;

    protected abstract Testbed bed();

    @Test
    void theSpendPageDrawsWhatTheHostsCharged(TestReporter reporter) throws Exception {
        Testbed bed = bed();
        SimulatorCounters counters = bed.simulator().counters();
        BigDecimal charged = cents(counters.charges("total"));
        BigDecimal chargedS06 = cents(counters.chargesFor(ParallelRendersScenario.MARKER));
        assertThat(charged)
                .as("the simulator charged this controller's renders")
                .isPositive();
        // The day this run began on this machine (the controller's zone is the machine's): a run
        // that crosses midnight has its charges on two bars.
        LocalDate firstDay = LocalDate.ofInstant(
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()), ZoneId.systemDefault());
        Path screenshots = bed.environment().buildDir().resolve("screenshots");

        SoftAssertions soft = new SoftAssertions();
        try (Browser browser = Browser.start(bed.environment().workDir().resolve("browser-18"), bed.reports())) {
            browser.signIn(
                    bed.jenkins().url(), JenkinsController.ADMIN, bed.jenkins().adminPassword());

            SpendPageView page = new SpendPageView(browser, bed.jenkins().url().resolve(PAGE)).open();
            List<SpendPageView.Bar> bars = page.bars();
            SpendPageView.Bar today = bars.get(bars.size() - 1);
            BigDecimal thisRun = bars.stream()
                    .filter(b -> !b.day().isBefore(firstDay))
                    .map(SpendPageView.Bar::usd)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            String ninetyDays = page.text(".happyhorse-spend-90-total");
            Path pageShot = browser.fullPageScreenshot(screenshots.resolve("spend-page.png"));

            SpendPageView job = new SpendPageView(
                            browser,
                            bed.jenkins().url().resolve("job/" + ParallelRendersScenario.JOB + "/happyhorse-spend/"))
                    .open();
            List<List<String>> jobRows = job.rows(".happyhorse-spend-charges");
            String jobTotal = job.text(".happyhorse-spend-90-total");
            Path jobShot = browser.fullPageScreenshot(screenshots.resolve("spend-job.png"));
            List<String> errors = browser.consoleErrors();

            HttpResponse<String> csv = bed.admin().get(PAGE + "csv");
            List<List<String>> charges = parse(csv.body()).stream()
                    .filter(row -> row.get(0).equals("charge"))
                    .toList();
            BigDecimal csvTotal = cents(
                    charges.stream().map(row -> new BigDecimal(row.get(USD))).reduce(BigDecimal.ZERO, BigDecimal::add));
            long counted = charges.stream()
                    .filter(row -> !row.get(STATE).equals("void"))
                    .count();

            String seen = "simulator " + charged + " USD (" + counters.submissions("total")
                    + " submissions), today's bar "
                    + today + ", this run's bars " + thisRun + ", 90-day tile " + ninetyDays + ", CSV " + csvTotal
                    + " USD in " + counted + " counted charges, job page " + jobTotal + " in " + jobRows.size()
                    + " rows (simulator " + chargedS06 + "), console errors " + errors + ", screenshots " + pageShot
                    + " and " + jobShot;
            reporter.publishEntry("scenario 18 spend page", seen);
            System.out.println("Scenario 18, the spend page in Chromium: " + seen);
            Files.writeString(bed.reports().resolve("scenario-18-spend.txt"), seen + "\n", StandardCharsets.UTF_8);

            soft.assertThat(bars).as("the chart's bars, one a day").hasSize(90);
            soft.assertThat(today.day()).as("the last bar is today").isEqualTo(LocalDate.now());
            soft.assertThat(cents(thisRun)).as("the bars of this run's days").isEqualByComparingTo(charged);
            if (firstDay.equals(today.day())) {
                soft.assertThat(cents(today.usd())).as("today's bar").isEqualByComparingTo(charged);
                soft.assertThat(today.heightPixels()).as("today's bar is drawn").isGreaterThan(0.0);
            }
            soft.assertThat(ninetyDays).as("the 90-day tile").isEqualTo(charged.toPlainString() + " USD");
            soft.assertThat(csv.statusCode()).isEqualTo(200);
            soft.assertThat(csv.headers().firstValue("Content-Type").orElse(""))
                    .as("the CSV's Content-Type")
                    .startsWith("text/csv");
            soft.assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                    .as("the CSV's Content-Disposition")
                    .startsWith("attachment; filename=\"happyhorse-spend-")
                    .endsWith(".csv\"");
            soft.assertThat(csvTotal).as("the CSV's total").isEqualByComparingTo(charged);
            soft.assertThat(counted)
                    .as("counted charges in the CSV: one per accepted submission")
                    .isEqualTo(counters.submissions("total"));
            soft.assertThat(jobTotal).as("scenario 6's job page total").isEqualTo(chargedS06.toPlainString() + " USD");
            soft.assertThat(jobRows)
                    .as("scenario 6's job page: one row per charge of that job, no other job's")
                    .hasSize(counters.jobsFor(ParallelRendersScenario.MARKER).size());
            soft.assertThat(errors)
                    .as("the browser console's errors (CSP violations included)")
                    .isEmpty();
            soft.assertThat(pageShot).isRegularFile();
            soft.assertThat(jobShot).isRegularFile();
        }
        soft.assertAll();
    }

    private static BigDecimal cents(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP);
    }

    /** RFC 4180 rows: quoted cells with doubled quotes, CRLF between rows. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        return rows;
    }
}
