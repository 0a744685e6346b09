package io.jenkins.plugins.happyhorse.client.spend;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A render's estimated cost held against its budgets from before its first call until the host
 * answers its submit. While it is held it counts against every budget whose scope it falls in, and
 * the charges recorded under its id do not (so nothing counts twice); once {@link #settle settled}
 * (the host accepted: the charge now counts) or {@link #release released} (refused, or never
 * sent) it counts no more. Both are idempotent.
 */
public final class Reservation {
    private final BudgetLedger ledger;
    private final String id;
    private final SpendLabels labels;
    private final String host;
    private final BigDecimal amount;
    private final Instant at;

    Reservation(BudgetLedger ledger, String id, SpendLabels labels, String host, BigDecimal amount, Instant at) {
        this.ledger = ledger;
        this.id = id;
        this.labels = labels;
        this.host = host;
        this.amount = amount;
        this.at = at;
    }

    /** Its id, recorded with the charges it carries. */
    public String id() {
        return id;
    }

    public SpendLabels labels() {
        return labels;
    }

    public String host() {
        return host;
    }

    /** The amount held, in USD. */
    public BigDecimal amount() {
        return amount;
    }

    /** When it was made. */
    public Instant at() {
        return at;
    }

    /** The host accepted the submit: the recorded charge counts from now on instead. */
    public void settle() {
        ledger.drop(this);
    }

    /** Nothing will be charged under it (refused, cancelled, never sent): the amount is free again. */
    public void release() {
        ledger.drop(this);
    }

    /** Whether it still counts. */
    public boolean held() {
        return ledger.holds(this);
    }

    @Override
    public String toString() {
        return "Reservation{" + amount.toPlainString() + " USD, " + labels + ", " + host + "}";
    }
}
