package io.jenkins.plugins.happyhorse.client.spend;

import java.math.BigDecimal;

/**
 * Where a budget stands now.
 *
 * @param budget the budget
 * @param spent charged in its period and scope, pending charges included
 * @param uncertain the part of {@code spent} that is pending (a submit that may not have reached the host)
 * @param reserved what renders in progress have reserved and not yet been charged
 */
public record BudgetStatus(Budget budget, BigDecimal spent, BigDecimal uncertain, BigDecimal reserved) {

    /** What is left: the limit less spent and reserved (negative when over). */
    public BigDecimal left() {
        return budget.limit().subtract(spent).subtract(reserved);
    }

    /** Whether {@code cost} more would fit. */
    public boolean fits(BigDecimal cost) {
        return spent.add(reserved).add(cost).compareTo(budget.limit()) <= 0;
    }
}
