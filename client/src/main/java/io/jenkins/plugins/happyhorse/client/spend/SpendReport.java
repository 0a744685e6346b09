package io.jenkins.plugins.happyhorse.client.spend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The questions a spend page asks of the ledger, over one snapshot of it: spend by day (for a
 * chart of the last 90 days), by job, by host, what reuse saved, totals, and a CSV export. A charge
 * counts by its submit time, at its corrected price when there is one; void charges count nothing;
 * pending (uncertain) ones count, as they may have been charged.
 */
public final class SpendReport {
    /** The CSV header. */
    public static final String CSV_HEADER =
            "kind,time,job,build,host,prediction_id,seconds,resolution,aspect_ratio,usd,estimate_usd,state,digest";

    private final List<Charge> charges;
    private final List<Saving> savings;

    public SpendReport(List<Charge> charges, List<Saving> savings) {
        this.charges = List.copyOf(charges);
        this.savings = List.copyOf(savings);
    }

    /** Every charge in the snapshot, void ones included. */
    public List<Charge> charges() {
        return charges;
    }

    /** Every saving in the snapshot. */
    public List<Saving> savings() {
        return savings;
    }

    /** Everything spent, ever: confirmed and pending charges. */
    public BigDecimal total() {
        return total(SpendPeriod.all());
    }

    /** What was spent in {@code period}. */
    public BigDecimal total(SpendPeriod period) {
        return charges.stream()
                .filter(c -> period.contains(c.at()))
                .map(Charge::spent)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What pending charges (submits that may or may not have reached a host) amount to in {@code period}. */
    public BigDecimal uncertain(SpendPeriod period) {
        return charges.stream()
                .filter(c -> c.state() == ChargeState.PENDING && period.contains(c.at()))
                .map(Charge::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Spend per day for the {@code days} days ending with {@code lastDay} in {@code zone}, every day
     * present (zero when nothing was spent), oldest first: what a chart draws.
     */
    public NavigableMap<LocalDate, BigDecimal> byDay(LocalDate lastDay, int days, ZoneId zone) {
        if (days < 1) {
            throw new IllegalArgumentException("days: " + days + " is not allowed; allowed: at least 1");
        }
        NavigableMap<LocalDate, BigDecimal> result = new TreeMap<>();
        LocalDate first = lastDay.minusDays(days - 1L);
        for (LocalDate d = first; !d.isAfter(lastDay); d = d.plusDays(1)) {
            result.put(d, BigDecimal.ZERO);
        }
        for (Charge c : charges) {
            LocalDate day = c.at().atZone(zone).toLocalDate();
            if (result.containsKey(day)) {
                result.merge(day, c.spent(), BigDecimal::add);
            }
        }
        return result;
    }

    /** Spend per job in {@code period}, largest first. */
    public Map<String, BigDecimal> byJob(SpendPeriod period) {
        return grouped(period, c -> c.labels().job());
    }

    /** Spend per host in {@code period}, largest first. */
    public Map<String, BigDecimal> byHost(SpendPeriod period) {
        return grouped(period, Charge::host);
    }

    /** What reuse saved in {@code period}. */
    public BigDecimal saved(SpendPeriod period) {
        return savings.stream()
                .filter(s -> period.contains(s.at()))
                .map(Saving::usd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** How many renders were reused in {@code period}. */
    public long reuses(SpendPeriod period) {
        return savings.stream().filter(s -> period.contains(s.at())).count();
    }

    /** What reuse saved per job in {@code period}, largest first. */
    public Map<String, BigDecimal> savedByJob(SpendPeriod period) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        savings.stream()
                .filter(s -> period.contains(s.at()))
                .forEach(s -> sums.merge(s.labels().job(), s.usd(), BigDecimal::add));
        return largestFirst(sums);
    }

    private Map<String, BigDecimal> grouped(SpendPeriod period, Function<Charge, String> key) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        charges.stream()
                .filter(c -> c.state().counts() && period.contains(c.at()))
                .forEach(c -> sums.merge(key.apply(c), c.spent(), BigDecimal::add));
        return largestFirst(sums);
    }

    private static Map<String, BigDecimal> largestFirst(Map<String, BigDecimal> sums) {
        Map<String, BigDecimal> ordered = new LinkedHashMap<>();
        sums.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /** The snapshot as CSV (RFC 4180): one row per charge ({@code charge}) and per saving ({@code reuse}). */
    public void csv(Appendable out) throws IOException {
        out.append(CSV_HEADER).append("\r\n");
        for (Charge c : charges) {
            row(
                    out,
                    "charge",
                    c.at().toString(),
                    c.labels().job(),
                    c.labels().build(),
                    c.host(),
                    c.predictionId(),
                    Integer.toString(c.seconds()),
                    c.resolution(),
                    c.aspectRatio(),
                    c.spent().toPlainString(),
                    c.estimate().toPlainString(),
                    c.state().name().toLowerCase(java.util.Locale.ROOT),
                    c.digest());
        }
        for (Saving s : savings) {
            row(
                    out,
                    "reuse",
                    s.at().toString(),
                    s.labels().job(),
                    s.labels().build(),
                    s.host(),
                    s.predictionId(),
                    "",
                    "",
                    "",
                    s.usd().negate().toPlainString(),
                    "",
                    "saved",
                    s.digest());
        }
    }

    /** {@link #csv(Appendable)} as a string. */
    public String csv() {
        StringBuilder sb = new StringBuilder();
        try {
            csv(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static void row(Appendable out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
    }

    /** A cell quoted when it must be, and defused when a spreadsheet would take it for a formula. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static boolean isNumber(String v) {
        try {
            new BigDecimal(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
