package io.jenkins.plugins.happyhorse.spend;

import io.jenkins.plugins.happyhorse.client.spend.SpendPeriod;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The periods the spend page can break spending down over (by job, by host, savings): this month
 * (the default), last month and the last 90 days. Chosen with the {@code period} query parameter.
 */
@Restricted(NoExternalUse.class)
public enum PeriodChoice {
    MONTH("month", "This month"),
    LAST_MONTH("last-month", "Last month"),
    LAST_90_DAYS("90-days", "Last 90 days");

    /** How many days the chart and the 90-day totals cover. */
    public static final int DAYS = 90;

    private final String parameter;
    private final String label;

    PeriodChoice(String parameter, String label) {
        this.parameter = parameter;
        this.label = label;
    }

    /** The choice named by the query parameter {@code value}; this month when absent or unknown. */
    public static PeriodChoice parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.parameter.equals(v))
                .findFirst()
                .orElse(MONTH);
    }

    /** The value of the {@code period} query parameter that selects it. */
    public String getParameter() {
        return parameter;
    }

    /** What the page calls it. */
    public String getLabel() {
        return label;
    }

    /** The span of time it is on {@code today} in {@code zone}. */
    public SpendPeriod period(LocalDate today, ZoneId zone) {
        return switch (this) {
            case MONTH -> SpendPeriod.month(YearMonth.from(today), zone);
            case LAST_MONTH -> SpendPeriod.month(YearMonth.from(today).minusMonths(1), zone);
            case LAST_90_DAYS -> last90Days(today, zone);
        };
    }

    /** The last {@link #DAYS} days, today included. */
    public static SpendPeriod last90Days(LocalDate today, ZoneId zone) {
        return SpendPeriod.days(today.minusDays(DAYS - 1L), today, zone);
    }
}
