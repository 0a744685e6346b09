package io.jenkins.plugins.happyhorse.spend;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.happyhorse.client.spend.Charge;
import io.jenkins.plugins.happyhorse.client.spend.ChargeState;
import io.jenkins.plugins.happyhorse.client.spend.Saving;
import io.jenkins.plugins.happyhorse.client.spend.SpendPeriod;
import io.jenkins.plugins.happyhorse.client.spend.SpendReport;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What a spend page shows, read from one snapshot of the ledger: the chart of the last 90 days,
 * totals, the breakdowns over the chosen period, savings, pending charges and the charges
 * themselves. The controller's page takes every charge; a job's page only the job's.
 */
@Restricted(NoExternalUse.class)
public final class SpendSnapshot {
    private final SpendReport report;
    private final LocalDate today;
    private final ZoneId zone;
    private final PeriodChoice choice;
    private final SpendPeriod period;
    private final NavigableMap<LocalDate, BigDecimal> byDay;

    private SpendSnapshot(SpendReport report, Clock clock, PeriodChoice choice) {
        this.report = report;
        this.zone = clock.getZone();
        this.today = LocalDate.now(clock);
        this.choice = choice;
        this.period = choice.period(today, zone);
        this.byDay = report.byDay(today, PeriodChoice.DAYS, zone);
    }

    /** Everything in {@code report}. */
    static SpendSnapshot of(SpendReport report, Clock clock, PeriodChoice choice) {
        return new SpendSnapshot(report, clock, choice);
    }

    /** Only the charges and savings of the job {@code fullName}. */
    static SpendSnapshot ofJob(SpendReport report, String fullName, Clock clock, PeriodChoice choice) {
        return new SpendSnapshot(
                new SpendReport(
                        report.charges().stream()
                                .filter(c -> c.labels().job().equals(fullName))
                                .toList(),
                        report.savings().stream()
                                .filter(s -> s.labels().job().equals(fullName))
                                .toList()),
                clock,
                choice);
    }

    /** Whether the ledger holds nothing at all: no charge (void ones included) and no saving. */
    public boolean isNothingRecorded() {
        return report.charges().isEmpty() && report.savings().isEmpty();
    }

    /** Whether anything was spent in the last 90 days: a chart is only drawn then. */
    public boolean isSpentLately() {
        return byDay.values().stream().anyMatch(v -> v.signum() > 0);
    }

    /** The chart of the last 90 days, or null when nothing was spent in them. */
    public @CheckForNull SpendChart getChart() {
        return isSpentLately() ? new SpendChart(byDay) : null;
    }

    /** The days of the last 90 with spend, newest first: the chart as a table. */
    public List<Map.Entry<String, String>> getSpendDays() {
        return byDay.descendingMap().entrySet().stream()
                .filter(e -> e.getValue().signum() > 0)
                .map(e -> Map.entry(e.getKey().toString(), SpendFormat.usd(e.getValue())))
                .toList();
    }

    /** The period chosen for the breakdowns. */
    public PeriodChoice getChoice() {
        return choice;
    }

    /** Every period one can choose. */
    public List<PeriodChoice> getChoices() {
        return List.of(PeriodChoice.values());
    }

    /** The chosen period as the page names it, e.g. {@code This month (2026-03)}. */
    public String getPeriodLabel() {
        return choice.getLabel() + " (" + period.label() + ")";
    }

    /** The controller's day. */
    public String getToday() {
        return today.toString();
    }

    /** The time zone the days are counted in. */
    public String getZone() {
        return zone.getId();
    }

    /** Spent this calendar month. */
    public String getMonthTotal() {
        return SpendFormat.usd(report.total(PeriodChoice.MONTH.period(today, zone)));
    }

    /** Spent in the last 90 days. */
    public String getNinetyDayTotal() {
        return SpendFormat.usd(report.total(PeriodChoice.last90Days(today, zone)));
    }

    /** Spent today. */
    public String getTodayTotal() {
        return SpendFormat.usd(byDay.lastEntry().getValue());
    }

    /** Spent in the chosen period. */
    public String getPeriodTotal() {
        return SpendFormat.usd(report.total(period));
    }

    /** Spend by job in the chosen period, largest first. */
    public List<Map.Entry<String, String>> getByJob() {
        return formatted(report.byJob(period));
    }

    /** Spend by host in the chosen period, largest first. */
    public List<Map.Entry<String, String>> getByHost() {
        return formatted(report.byHost(period));
    }

    /** What reuse saved in the chosen period. */
    public String getSaved() {
        return SpendFormat.usd(report.saved(period));
    }

    /** How many renders were reused in the chosen period. */
    public long getReuses() {
        return report.reuses(period);
    }

    /** What reuse saved in the last 90 days. */
    public String getNinetyDaySaved() {
        return SpendFormat.usd(report.saved(PeriodChoice.last90Days(today, zone)));
    }

    /** What reuse saved per job in the chosen period, largest first. */
    public List<Map.Entry<String, String>> getSavedByJob() {
        return formatted(report.savedByJob(period));
    }

    /** Charges not confirmed by a host (yet), newest first; they count as spent. */
    public List<ChargeRow> getPending() {
        return rows(c -> c.state() == ChargeState.PENDING);
    }

    /** What the pending charges amount to. */
    public String getPendingTotal() {
        return SpendFormat.usd(report.uncertain(SpendPeriod.all()));
    }

    /** The charges of the last 90 days, newest first, void ones included. */
    public List<ChargeRow> getCharges() {
        SpendPeriod days = PeriodChoice.last90Days(today, zone);
        return rows(c -> days.contains(c.at()));
    }

    /** The savings of the last 90 days, newest first. */
    public List<SavingRow> getSavings() {
        SpendPeriod days = PeriodChoice.last90Days(today, zone);
        return report.savings().stream()
                .filter(s -> days.contains(s.at()))
                .sorted(Comparator.comparing(Saving::at).reversed())
                .map(s -> new SavingRow(s, zone))
                .toList();
    }

    private List<ChargeRow> rows(Predicate<Charge> which) {
        return report.charges().stream()
                .filter(which)
                .sorted(Comparator.comparing(Charge::at).reversed())
                .map(c -> new ChargeRow(c, zone))
                .toList();
    }

    private static List<Map.Entry<String, String>> formatted(Map<String, BigDecimal> sums) {
        return sums.entrySet().stream()
                .map(e -> Map.entry(e.getKey().isEmpty() ? "(none)" : e.getKey(), SpendFormat.usd(e.getValue())))
                .toList();
    }

    /** One charge, as a row of a table. */
    public static final class ChargeRow {
        private final Charge charge;
        private final ZoneId zone;

        ChargeRow(Charge charge, ZoneId zone) {
            this.charge = charge;
            this.zone = zone;
        }

        public String getTime() {
            return SpendFormat.time(charge.at(), zone);
        }

        public String getJob() {
            return charge.labels().job();
        }

        /** The build's id, as the ledger has it. */
        public String getBuild() {
            return charge.labels().build();
        }

        public String getHost() {
            return charge.host();
        }

        public String getPredictionId() {
            return charge.predictionId();
        }

        public int getSeconds() {
            return charge.seconds();
        }

        public String getResolution() {
            return charge.resolution();
        }

        /** What it counts as spent (nothing when void). */
        public String getUsd() {
            return SpendFormat.usd(charge.spent());
        }

        /** Whether the amount is the estimate (no real price reported). */
        public boolean isEstimate() {
            return Charge.ESTIMATE.equals(charge.costSource());
        }

        /** pending, confirmed or void. */
        public String getState() {
            return charge.state().name().toLowerCase(Locale.ROOT);
        }
    }

    /** One reused render, as a row of a table. */
    public static final class SavingRow {
        private final Saving saving;
        private final ZoneId zone;

        SavingRow(Saving saving, ZoneId zone) {
            this.saving = saving;
            this.zone = zone;
        }

        public String getTime() {
            return SpendFormat.time(saving.at(), zone);
        }

        public String getJob() {
            return saving.labels().job();
        }

        public String getBuild() {
            return saving.labels().build();
        }

        public String getHost() {
            return saving.host();
        }

        /** The render that paid for the clip. */
        public String getSource() {
            return saving.source();
        }

        public String getPredictionId() {
            return saving.predictionId();
        }

        public String getUsd() {
            return SpendFormat.usd(saving.usd());
        }
    }
}
