package io.jenkins.plugins.happyhorse.spend;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.spend.SpendReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Manage Jenkins » HappyHorse spend: what the controller spent on renders, from its ledger. Spend
 * by day over the last 90 days as a chart drawn on the server (SVG, no script), totals, spend by job
 * and by host over a chosen period, what reuse saved, charges still pending, and the whole ledger as
 * CSV ({@code csv}).
 *
 * <p>Permission: {@link Jenkins#SYSTEM_READ}. The page is read-only and controller-wide: it names
 * every job that spent, including jobs a given user may not be allowed to see, and shows what the
 * organisation pays its hosts. That is the kind of information Overall/SystemRead exists for (read
 * the whole configuration, change nothing), and it is implied by Overall/Administer, so where the
 * permission is not enabled only administrators see the page. {@link Jenkins#MANAGE} is about
 * changing settings, and does not by itself let one read every job, so it is not enough here.
 */
@Extension
public final class SpendPage extends ManagementLink implements StaplerProxy {
    /** The page's URL under Manage Jenkins. */
    public static final String URL_NAME = "happyhorse-spend";

    /** Core's chart symbol (an inline SVG in the text colour, so dark themes work). */
    static final String ICON = "symbol-analytics";

    @Override
    public String getIconFileName() {
        return ICON;
    }

    @Override
    public String getDisplayName() {
        return Messages.SpendPage_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.SpendPage_Description();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @NonNull
    @Override
    public Permission getRequiredPermission() {
        return Jenkins.SYSTEM_READ;
    }

    @NonNull
    @Override
    public Category getCategory() {
        return Category.STATUS;
    }

    /** Every request to the page and below it (the CSV too) is checked here first. */
    @Override
    public Object getTarget() {
        Jenkins.get().checkPermission(getRequiredPermission());
        return this;
    }

    /** The page's figures for this request's {@code period}, from one snapshot of the ledger. */
    public SpendSnapshot getSnapshot() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        PeriodChoice choice = PeriodChoice.parse(request == null ? null : request.getParameter("period"));
        return SpendSnapshot.of(ControllerLedger.ledger().report(), SpendClock.get(), choice);
    }

    /** The whole ledger as CSV: one row per charge and per reuse, as a download. */
    public void doCsv(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        Jenkins.get().checkPermission(getRequiredPermission());
        SpendReport report = ControllerLedger.ledger().report();
        String name = "happyhorse-spend-" + LocalDate.now(SpendClock.get()) + ".csv";
        response.setContentType("text/csv; charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // SpendReport.csv defuses cells a spreadsheet would take for a formula (=, +, -, @ ...).
        try (Writer out = response.getWriter()) {
            report.csv(out);
        }
    }
}
