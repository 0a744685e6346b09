package io.jenkins.plugins.happyhorse.client.error;

import java.math.BigDecimal;

/**
 * The render would take a budget over its limit; it was refused before any call. The message
 * names the budget and its period, what is already spent (and how much of that is uncertain: a
 * submit whose reply never came), what renders in progress have reserved, and what this render
 * would cost.
 */
public final class BudgetExceededException extends RenderException {
    private static final long serialVersionUID = 1L;

    private final String budget;
    private final BigDecimal limit;
    private final BigDecimal spent;
    private final BigDecimal reserved;
    private final BigDecimal cost;

    /**
     * @param budget the budget's name
     * @param period its period, e.g. {@code 2026-03}
     * @param limit its limit in USD
     * @param spent charged in the period, uncertain charges included
     * @param uncertain the part of {@code spent} whose submit may or may not have reached the host
     * @param reserved reserved by renders in progress
     * @param cost what this render would cost
     */
    public BudgetExceededException(
            String budget,
            String period,
            BigDecimal limit,
            BigDecimal spent,
            BigDecimal uncertain,
            BigDecimal reserved,
            BigDecimal cost) {
        super("The budget '" + budget + "' (" + period + ") would be exceeded: " + usd(spent) + " USD spent"
                + (uncertain.signum() == 0 ? "" : " (" + usd(uncertain) + " USD of it uncertain)") + " and "
                + usd(reserved) + " USD reserved by renders in progress, of " + usd(limit)
                + " USD; this render would cost " + usd(cost) + " USD. Nothing was sent to the host. Raise the"
                + " budget, or wait for its next period.");
        this.budget = budget;
        this.limit = limit;
        this.spent = spent;
        this.reserved = reserved;
        this.cost = cost;
    }

    private static String usd(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.scale()), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    /** The budget's name. */
    public String budget() {
        return budget;
    }

    /** Its limit in USD. */
    public BigDecimal limit() {
        return limit;
    }

    /** What was charged in its period (uncertain charges included). */
    public BigDecimal spent() {
        return spent;
    }

    /** What renders in progress had reserved. */
    public BigDecimal reserved() {
        return reserved;
    }

    /** What this render would have cost. */
    public BigDecimal cost() {
        return cost;
    }
}
