package io.jenkins.plugins.happyhorse.client.spend;

import io.jenkins.plugins.happyhorse.client.error.BudgetExceededException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Budgets over a {@link SpendLedger}, with reservations made atomically: a render reserves its
 * estimated cost against every budget that applies before any call, and is refused, naming the
 * budget, if one would go over. A budget's use is what the ledger counts in its period and scope
 * (pending charges included) plus what live reservations hold; a charge recorded under a live
 * reservation counts through the reservation only, so a render is never counted twice and never
 * not at all, whatever the order of the ledger's write and the reservation's settlement. Checks
 * and reservations happen under one lock, so renders started at once cannot overshoot together.
 *
 * <p>One per ledger and process (a controller, a command-line run). Reservations live in memory:
 * a crash forgets them, and the intents already written count in their place.
 */
public final class BudgetLedger {
    private final SpendLedger ledger;
    private final Clock clock;
    /** Live reservations by id. Guarded by {@code this}. */
    private final Map<String, Reservation> live = new LinkedHashMap<>();

    public BudgetLedger(SpendLedger ledger, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public BudgetLedger(SpendLedger ledger) {
        this(ledger, Clock.systemUTC());
    }

    /** The ledger the budgets count. */
    public SpendLedger ledger() {
        return ledger;
    }

    /**
     * Reserves {@code amount} for a render of {@code labels} on {@code host} against every budget
     * in {@code budgets}, or reserves nothing.
     *
     * @throws BudgetExceededException naming the first budget it would take over its limit, with
     *     what is spent and reserved and what the render would cost
     */
    public synchronized Reservation reserve(List<Budget> budgets, SpendLabels labels, String host, BigDecimal amount) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(host, "host");
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("a reservation is zero or more USD, was " + amount);
        }
        List<Charge> charges = budgets.isEmpty() ? List.of() : ledger.charges();
        for (Budget b : budgets) {
            BudgetStatus s = status(b, charges);
            if (!s.fits(amount)) {
                throw new BudgetExceededException(
                        b.name(), b.period().label(), b.limit(), s.spent(), s.uncertain(), s.reserved(), amount);
            }
        }
        Reservation r = new Reservation(this, UUID.randomUUID().toString(), labels, host, amount, clock.instant());
        live.put(r.id(), r);
        return r;
    }

    /** Where {@code budget} stands now. */
    public synchronized BudgetStatus status(Budget budget) {
        return status(budget, ledger.charges());
    }

    /** The reservations held now. */
    public synchronized List<Reservation> reservations() {
        return new ArrayList<>(live.values());
    }

    private BudgetStatus status(Budget b, List<Charge> charges) {
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal uncertain = BigDecimal.ZERO;
        for (Charge c : charges) {
            if (!c.state().counts()
                    || live.containsKey(c.reservation())
                    || !b.period().contains(c.at())
                    || !b.scope().matches(c.labels(), c.host())) {
                continue;
            }
            spent = spent.add(c.cost());
            if (c.state() == ChargeState.PENDING) {
                uncertain = uncertain.add(c.cost());
            }
        }
        BigDecimal reserved = BigDecimal.ZERO;
        for (Reservation r : live.values()) {
            if (b.period().contains(r.at()) && b.scope().matches(r.labels(), r.host())) {
                reserved = reserved.add(r.amount());
            }
        }
        return new BudgetStatus(b, spent, uncertain, reserved);
    }

    synchronized void drop(Reservation r) {
        live.remove(r.id());
    }

    synchronized boolean holds(Reservation r) {
        return live.containsKey(r.id());
    }
}
