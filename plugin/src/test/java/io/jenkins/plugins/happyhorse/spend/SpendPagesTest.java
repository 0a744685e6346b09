package io.jenkins.plugins.happyhorse.spend;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.happyhorse.client.spend.FileSpendLedger;
import io.jenkins.plugins.happyhorse.client.spend.Saving;
import io.jenkins.plugins.happyhorse.client.spend.SpendIntent;
import io.jenkins.plugins.happyhorse.client.spend.SpendLabels;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The spend pages in a real Jenkins: the ledger is seeded through its public API with charges on
 * known days, and the pages are read as a user reads them, on a fixed clock (15 March 2026, noon,
 * UTC) so that "today" and "this month" do not move under the test.
 */
@WithJenkins
class SpendPagesTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final String FORMULA_JOB = "=HYPERLINK(\"http://example.com\")";

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
        SpendClock.set(Clock.fixed(NOW, ZoneId.of("UTC")));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Jenkins.MANAGE)
                .everywhere()
                .to("manager"));
    }

    @AfterEach
    void restoreTheClock() {
        SpendClock.set(null);
    }

    /**
     * Today: alpha 0.70 (confirmed), beta 0.35 (pending), alpha 5.00 refused (void). This month
     * also alpha 1.40 on Atlas Cloud on the 2nd. Last month: beta 2.10, and 0.10 of a job whose
     * name looks like a spreadsheet formula. Outside the 90 days: alpha 9.99. Alpha reused a clip
     * today, saving 0.70.
     */
    private void seed() throws Exception {
        FreeStyleProject alpha = j.createFreeStyleProject("alpha");
        j.buildAndAssertSuccess(alpha);
        j.createFreeStyleProject("beta");
        FileSpendLedger ledger = ControllerLedger.ledger();
        confirmed(ledger, "2026-03-15T09:00:00Z", "alpha", "1", "wavespeed", "0.70", "p-alpha-today");
        ledger.intent(intent("2026-03-15T10:00:00Z", "beta", "2", "wavespeed", "0.35"));
        String refused = ledger.intent(intent("2026-03-15T11:00:00Z", "alpha", "1", "wavespeed", "5.00"));
        ledger.refuse(refused, "429: too many requests");
        confirmed(ledger, "2026-03-02T08:00:00Z", "alpha", "1", "atlascloud", "1.40", "p-alpha-atlas");
        confirmed(ledger, "2026-02-10T08:00:00Z", "beta", "1", "wavespeed", "2.10", "p-beta-feb");
        confirmed(ledger, "2026-02-20T08:00:00Z", FORMULA_JOB, "1", "wavespeed", "0.10", "p-formula");
        confirmed(ledger, "2025-11-01T08:00:00Z", "alpha", "1", "wavespeed", "9.99", "p-alpha-old");
        ledger.saving(new Saving(
                Instant.parse("2026-03-15T11:30:00Z"),
                SpendLabels.of("alpha", "1"),
                "wavespeed",
                "digest-1",
                new BigDecimal("0.70"),
                "alpha #1",
                "p-alpha-today"));
    }

    private static void confirmed(
            FileSpendLedger ledger, String at, String job, String build, String host, String usd, String prediction) {
        ledger.confirm(ledger.intent(intent(at, job, build, host, usd)), prediction);
    }

    private static SpendIntent intent(String at, String job, String build, String host, String usd) {
        return new SpendIntent(
                Instant.parse(at),
                SpendLabels.of(job, build),
                host,
                "happyhorse-1.0",
                5,
                "720p",
                "16:9",
                new BigDecimal(usd),
                "digest-" + at,
                "");
    }

    private JenkinsRule.WebClient as(String user) throws Exception {
        JenkinsRule.WebClient web = j.createWebClient().login(user);
        web.getOptions().setJavaScriptEnabled(false);
        return web;
    }

    /** The rows of the table {@code selector}, each as its cells' text joined by " | ". */
    private static List<String> rows(DomNode page, String selector) {
        assertThat((Object) page.querySelector(selector)).as(selector).isNotNull();
        return page.querySelectorAll(selector + " tbody tr").stream()
                .map(tr -> tr.querySelectorAll("td").stream()
                        .map(td -> td.getTextContent().replaceAll("\\s+", " ").trim())
                        .collect(Collectors.joining(" | ")))
                .toList();
    }

    private static String text(DomNode page, String selector) {
        DomNode node = page.querySelector(selector);
        assertThat(node).as(selector).isNotNull();
        return node.asNormalizedText();
    }

    @Test
    void anAdministratorSeesTheTotalsAChartOf90DaysAndTheBreakdowns() throws Exception {
        seed();
        HtmlPage page = as("admin").goTo("manage/" + SpendPage.URL_NAME + "/");

        assertThat(text(page, ".happyhorse-spend-today-total")).isEqualTo("1.05 USD");
        assertThat(text(page, ".happyhorse-spend-month-total")).isEqualTo("2.45 USD");
        assertThat(text(page, ".happyhorse-spend-90-total")).isEqualTo("4.65 USD");
        assertThat(text(page, ".happyhorse-spend-saved-total")).isEqualTo("0.70 USD");
        assertThat(text(page, ".happyhorse-spend-pending-total")).isEqualTo("0.35 USD");

        List<DomElement> bars = page.querySelectorAll("svg.happyhorse-spend-chart rect.happyhorse-spend-bar").stream()
                .map(DomElement.class::cast)
                .toList();
        assertThat(bars).hasSize(90);
        assertThat(bars.get(0).getAttribute("data-day")).isEqualTo("2025-12-16");
        DomElement today = bars.get(89);
        assertThat(today.getAttribute("data-day")).isEqualTo("2026-03-15");
        assertThat(today.getAttribute("data-usd")).isEqualTo("1.05");
        assertThat(today.getAttribute("class")).contains("happyhorse-spend-today");
        assertThat(bars).allSatisfy(bar -> assertThat((Object) bar.querySelector("title"))
                .isNotNull());
        assertThat(today.querySelector("title").getTextContent()).isEqualTo("Sun 15 Mar 2026: 1.05 USD (today)");
        assertThat(page.querySelectorAll("svg.happyhorse-spend-chart text").stream()
                        .map(DomNode::getTextContent)
                        .toList())
                .contains("USD", "Day (UTC)", "15 Mar");
        // The text alternative: every day with spend, newest first.
        assertThat(rows(page, ".happyhorse-spend-day-table"))
                .containsExactly(
                        "2026-03-15 | 1.05 USD",
                        "2026-03-02 | 1.40 USD",
                        "2026-02-20 | 0.10 USD",
                        "2026-02-10 | 2.10 USD");

        assertThat(rows(page, ".happyhorse-spend-by-job")).containsExactly("alpha | 2.10 USD", "beta | 0.35 USD");
        assertThat(page.querySelector(".happyhorse-spend-by-job a")
                        .getAttributes()
                        .getNamedItem("href")
                        .getNodeValue())
                .endsWith("/job/alpha/");
        assertThat(rows(page, ".happyhorse-spend-by-host"))
                .containsExactly("atlascloud | 1.40 USD", "wavespeed | 1.05 USD");
        assertThat(text(page, ".happyhorse-spend-saved"))
                .startsWith("Reuse saved 0.70 USD in this period: one render used a clip already paid for");
        assertThat(rows(page, ".happyhorse-spend-pending"))
                .containsExactly("2026-03-15 10:00 | beta | 2 | wavespeed | 5 | 720p | 0.35 USD");
        assertThat(page.getAnchorByText("Download CSV").getHrefAttribute()).isEqualTo("csv");
    }

    @Test
    void theBreakdownsFollowTheChosenPeriod() throws Exception {
        seed();
        JenkinsRule.WebClient web = as("admin");

        HtmlPage lastMonth = web.goTo("manage/" + SpendPage.URL_NAME + "/?period=last-month");
        assertThat(text(lastMonth, "#breakdown")).isEqualTo("Breakdown: Last month (2026-02)");
        assertThat(rows(lastMonth, ".happyhorse-spend-by-job"))
                .containsExactly("beta | 2.10 USD", FORMULA_JOB + " | 0.10 USD");
        assertThat(text(lastMonth, ".happyhorse-spend-choice [aria-current=page]"))
                .isEqualTo("Last month");

        HtmlPage days = web.goTo("manage/" + SpendPage.URL_NAME + "/?period=90-days");
        assertThat(rows(days, ".happyhorse-spend-by-host"))
                .containsExactly("wavespeed | 3.25 USD", "atlascloud | 1.40 USD");
        assertThat(rows(days, ".happyhorse-spend-by-job"))
                .containsExactly("beta | 2.45 USD", "alpha | 2.10 USD", FORMULA_JOB + " | 0.10 USD");
    }

    @Test
    void usersWithoutSystemReadGetNoLinkAndAreRefused() throws Exception {
        seed();
        for (String user : List.of("reader", "manager")) {
            JenkinsRule.WebClient web = as(user);
            web.assertFails("manage/" + SpendPage.URL_NAME + "/", 403);
            web.assertFails("manage/" + SpendPage.URL_NAME + "/csv", 403);
        }
        // A manager sees Manage Jenkins, but not this page in it.
        HtmlPage manage = as("manager").goTo("manage/");
        assertThat(manage.getWebResponse().getContentAsString()).doesNotContain(SpendPage.URL_NAME);
        HtmlPage asAdmin = as("admin").goTo("manage/");
        assertThat(asAdmin.getAnchors().stream().map(a -> a.getHrefAttribute()))
                .anyMatch(href -> href.endsWith(SpendPage.URL_NAME));
        assertThat(asAdmin.asNormalizedText()).contains("HappyHorse spend");
    }

    @Test
    void theCsvIsADownloadOfEveryChargeWithFormulasDefused() throws Exception {
        seed();
        Page page = as("admin").goTo("manage/" + SpendPage.URL_NAME + "/csv", null);
        WebResponse response = page.getWebResponse();

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("text/csv");
        assertThat(response.getResponseHeaderValue("Content-Disposition"))
                .isEqualTo("attachment; filename=\"happyhorse-spend-2026-03-15.csv\"");
        List<String> lines = Arrays.asList(response.getContentAsString().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo(io.jenkins.plugins.happyhorse.client.spend.SpendReport.CSV_HEADER);
        List<String> charges =
                lines.stream().filter(l -> l.startsWith("charge,")).toList();
        assertThat(charges).hasSize(7);
        assertThat(lines.stream().filter(l -> l.startsWith("reuse,"))).hasSize(1);
        BigDecimal sum = charges.stream()
                .map(l -> l.split(","))
                .map(cells -> new BigDecimal(cells[cells.length - 4]))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo("14.64"); // 4.65 in 90 days + 9.99 before; the void one counts 0
        assertThat(charges).anyMatch(l -> l.contains(",\"'=HYPERLINK(\"\"http://example.com\"\")\","));
        assertThat(charges).noneMatch(l -> l.contains(",=HYPERLINK"));
    }

    @Test
    void aJobsPageShowsOnlyItsOwnChargesAndSavings() throws Exception {
        seed();
        FreeStyleProject quiet = j.createFreeStyleProject("quiet");
        JenkinsRule.WebClient web = as("reader");

        HtmlPage alpha = web.goTo("job/alpha/" + JobSpendAction.URL_NAME + "/");
        assertThat(text(alpha, ".happyhorse-spend-month-total")).isEqualTo("2.10 USD");
        assertThat(text(alpha, ".happyhorse-spend-90-total")).isEqualTo("2.10 USD");
        assertThat(text(alpha, ".happyhorse-spend-saved-total")).isEqualTo("0.70 USD");
        assertThat(rows(alpha, ".happyhorse-spend-charges"))
                .containsExactly(
                        "#1 | 2026-03-15 11:00 | wavespeed | — | 5 | 720p | 0.00 USD | void",
                        "#1 | 2026-03-15 09:00 | wavespeed | p-alpha-today | 5 | 720p | 0.70 USD (estimate) | confirmed",
                        "#1 | 2026-03-02 08:00 | atlascloud | p-alpha-atlas | 5 | 720p | 1.40 USD (estimate) | confirmed");
        assertThat(alpha.getAnchorByText("#1").getHrefAttribute()).endsWith("/job/alpha/1/");
        assertThat(rows(alpha, ".happyhorse-spend-savings"))
                .containsExactly("#1 | 2026-03-15 11:30 | wavespeed | alpha #1 | 0.70 USD");
        assertThat(alpha.asNormalizedText()).doesNotContain("p-beta-feb", "beta");
        assertThat(alpha.querySelectorAll("rect.happyhorse-spend-bar")).hasSize(90);

        HtmlPage beta = web.goTo("job/beta/" + JobSpendAction.URL_NAME + "/");
        assertThat(rows(beta, ".happyhorse-spend-charges"))
                .containsExactly(
                        "#2 (deleted) | 2026-03-15 10:00 | wavespeed | — | 5 | 720p | 0.35 USD (estimate) | pending",
                        "#1 (deleted) | 2026-02-10 08:00 | wavespeed | p-beta-feb | 5 | 720p | 2.10 USD (estimate) | confirmed");
        assertThat(beta.asNormalizedText()).doesNotContain("p-alpha");

        HtmlPage jobPage = web.goTo("job/alpha/");
        assertThat(jobPage.getAnchors().stream().map(a -> a.getHrefAttribute()))
                .anyMatch(href -> href.endsWith(JobSpendAction.URL_NAME));
        assertThat(quiet.getAction(JobSpendAction.class))
                .as("a job that never spent")
                .isNull();
        assertThat(web.goTo("job/quiet/").getWebResponse().getContentAsString())
                .doesNotContain(JobSpendAction.URL_NAME);
    }

    @Test
    void anEmptyLedgerSaysSoInsteadOfDrawingAnEmptyChart() throws Exception {
        HtmlPage page = as("admin").goTo("manage/" + SpendPage.URL_NAME + "/");

        assertThat(text(page, ".happyhorse-spend-empty")).startsWith("Nothing has been spent yet");
        assertThat(page.querySelectorAll("svg.happyhorse-spend-chart")).isEmpty();
        assertThat(page.getAnchorByText("Download CSV")).isNotNull();
    }

    @Test
    void chargesOnlyOutsideThe90DaysLeaveNoChartToDraw() throws Exception {
        ControllerLedger.ledger()
                .confirm(
                        ControllerLedger.ledger()
                                .intent(intent("2025-06-01T08:00:00Z", "old", "1", "wavespeed", "1.00")),
                        "p-old");
        HtmlPage page = as("admin").goTo("manage/" + SpendPage.URL_NAME + "/");

        assertThat(text(page, ".happyhorse-spend-none")).startsWith("Nothing was spent in the last 90 days");
        assertThat(page.querySelectorAll("svg.happyhorse-spend-chart")).isEmpty();
        assertThat(text(page, ".happyhorse-spend-90-total")).isEqualTo("0.00 USD");
    }
}
