package io.jenkins.plugins.happyhorse.simulator.job;

import java.math.BigDecimal;
import java.util.Optional;

/** A host account's balance in USD; unlimited unless a balance was configured. Thread-safe. */
public final class Account {
    private BigDecimal balance;

    /** @param balance the starting balance, or null for an unlimited account */
    public Account(BigDecimal balance) {
        this.balance = balance;
    }

    /** Takes {@code amount} from the balance if it covers it; false (and no change) otherwise. */
    public synchronized boolean tryCharge(BigDecimal amount) {
        if (balance == null) {
            return true;
        }
        if (balance.compareTo(amount) < 0) {
            return false;
        }
        balance = balance.subtract(amount);
        return true;
    }

    /** The balance left, empty for an unlimited account. */
    public synchronized Optional<BigDecimal> balance() {
        return Optional.ofNullable(balance);
    }

    /** Sets the balance (null for unlimited). */
    public synchronized void setBalance(BigDecimal newBalance) {
        this.balance = newBalance;
    }
}
