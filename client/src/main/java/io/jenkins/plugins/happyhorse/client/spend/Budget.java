package io.jenkins.plugins.happyhorse.client.spend;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A named limit on what the charges in its scope may add up to in its period, e.g. the
 * controller's monthly budget or one job's.
 *
 * @param name what to call it in messages, e.g. {@code controller monthly budget}
 * @param limit the limit in USD
 * @param period the period it counts in (the caller gives the current one)
 * @param scope which charges it counts
 */
public record Budget(String name, BigDecimal limit, SpendPeriod period, BudgetScope scope) {
    public Budget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(scope, "scope");
        if (limit == null || limit.signum() < 0) {
            throw new IllegalArgumentException(
                    "budget " + name + ": the limit " + limit + " is not allowed; allowed: zero or more USD");
        }
    }

    /** A monthly budget over {@code scope} for {@code month} in {@code zone}. */
    public static Budget monthly(String name, BigDecimal limit, YearMonth month, ZoneId zone, BudgetScope scope) {
        return new Budget(name, limit, SpendPeriod.month(month, zone), scope);
    }
}
