package io.jenkins.plugins.happyhorse.client.spend;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A span of time that charges are counted in: from {@code from} (inclusive) to {@code to}
 * (exclusive), with a label for messages such as {@code 2026-03}.
 *
 * @param label what to call it
 * @param from its first instant
 * @param to the first instant after it
 */
public record SpendPeriod(String label, Instant from, Instant to) {
    public SpendPeriod {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a period ends after it starts: " + from + " to " + to);
        }
    }

    /** The calendar month {@code month} in {@code zone}. */
    public static SpendPeriod month(YearMonth month, ZoneId zone) {
        return new SpendPeriod(
                month.toString(),
                month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }

    /** The month that holds {@code instant} in {@code zone}. */
    public static SpendPeriod monthOf(Instant instant, ZoneId zone) {
        return month(YearMonth.from(instant.atZone(zone)), zone);
    }

    /** The days {@code first} to {@code last}, both included, in {@code zone}. */
    public static SpendPeriod days(LocalDate first, LocalDate last, ZoneId zone) {
        return new SpendPeriod(
                first + " to " + last,
                first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** All time. */
    public static SpendPeriod all() {
        return new SpendPeriod("all time", Instant.MIN, Instant.MAX);
    }

    /** Whether {@code instant} falls in it. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
