package io.jenkins.plugins.happyhorse.simulator.fault;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * The faults a simulator plays, scripted or random, on requests and on the hosts' completion
 * callbacks, and the outcomes of the next jobs. Thread-safe.
 *
 * <p>For each request the plan first takes the oldest scripted fault whose route covers the
 * request's route ({@link #next}), then asks each random rule in the order they were added
 * ({@link #random}). Random draws come from one generator seeded with the simulator's seed, so
 * a single-threaded run is reproducible.
 */
public final class FaultPlan {
    private final Object lock = new Object();
    private final Deque<Scripted> scripted = new ArrayDeque<>();
    private final List<RandomRule> rules = new ArrayList<>();
    private final Deque<Outcome> outcomes = new ArrayDeque<>();
    private final List<RandomOutcome> outcomeRules = new ArrayList<>();
    private final Deque<WebhookFault> webhookFaults = new ArrayDeque<>();
    private final List<RandomWebhookFault> webhookRules = new ArrayList<>();
    private final Random random;
    /** Whether any fault is scripted or any rule exists; lets the common case skip the lock. */
    private volatile boolean armed;

    /** An empty plan whose random choices follow {@code seed}. */
    public FaultPlan(long seed) {
        this.random = new Random(seed);
    }

    /** Plays {@code fault} on the next request to {@code route}. */
    public FaultPlan next(Route route, Fault fault) {
        return next(route, fault, 1);
    }

    /** Plays {@code fault} on each of the next {@code times} requests to {@code route}. */
    public FaultPlan next(Route route, Fault fault, int times) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        synchronized (lock) {
            scripted.addLast(new Scripted(route, fault, times));
            armed = true;
        }
        return this;
    }

    /**
     * On each request to {@code route}, with probability {@code rate}, plays one of
     * {@code choices} picked uniformly.
     */
    public FaultPlan random(Route route, double rate, Fault... choices) {
        Objects.requireNonNull(route, "route");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be between 0 and 1: " + rate);
        }
        if (choices.length == 0) {
            throw new IllegalArgumentException("a random rule needs at least one fault");
        }
        synchronized (lock) {
            rules.add(new RandomRule(route, rate, List.of(choices)));
            armed = true;
        }
        return this;
    }

    /** The next submitted job (on either host) ends with {@code outcome}. */
    public FaultPlan nextJob(Outcome outcome) {
        return nextJob(outcome, 1);
    }

    /** Each of the next {@code times} submitted jobs ends with {@code outcome}. */
    public FaultPlan nextJob(Outcome outcome, int times) {
        Objects.requireNonNull(outcome, "outcome");
        synchronized (lock) {
            for (int i = 0; i < times; i++) {
                outcomes.addLast(outcome);
            }
        }
        return this;
    }

    /**
     * Each job that no scripted outcome claims ends, with probability {@code rate}, with one of
     * {@code choices} picked uniformly (otherwise it succeeds).
     */
    public FaultPlan randomJobs(double rate, Outcome... choices) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be between 0 and 1: " + rate);
        }
        if (choices.length == 0) {
            throw new IllegalArgumentException("a random outcome rule needs at least one outcome");
        }
        synchronized (lock) {
            outcomeRules.add(new RandomOutcome(rate, List.of(choices)));
        }
        return this;
    }

    /** Plays {@code fault} on the next completion callback (a webhook) of either host. */
    public FaultPlan nextWebhook(WebhookFault fault) {
        return nextWebhook(fault, 1);
    }

    /** Plays {@code fault} on each of the next {@code times} completion callbacks. */
    public FaultPlan nextWebhook(WebhookFault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        synchronized (lock) {
            for (int i = 0; i < times; i++) {
                webhookFaults.addLast(fault);
            }
        }
        return this;
    }

    /**
     * On each completion callback that no scripted webhook fault claims, with probability {@code
     * rate}, plays one of {@code choices} picked uniformly.
     */
    public FaultPlan randomWebhooks(double rate, WebhookFault... choices) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be between 0 and 1: " + rate);
        }
        if (choices.length == 0) {
            throw new IllegalArgumentException("a random webhook rule needs at least one fault");
        }
        synchronized (lock) {
            webhookRules.add(new RandomWebhookFault(rate, List.of(choices)));
        }
        return this;
    }

    /** The fault to play on a callback being delivered now, if any; consumes a scripted one. */
    public Optional<WebhookFault> takeWebhookFault() {
        synchronized (lock) {
            WebhookFault scriptedFault = webhookFaults.pollFirst();
            if (scriptedFault != null) {
                return Optional.of(scriptedFault);
            }
            for (RandomWebhookFault rule : webhookRules) {
                if (random.nextDouble() < rule.rate) {
                    return Optional.of(rule.choices.get(random.nextInt(rule.choices.size())));
                }
            }
            return Optional.empty();
        }
    }

    /** Forgets every scripted fault, random rule and scripted outcome, of requests and callbacks. */
    public void clear() {
        synchronized (lock) {
            scripted.clear();
            rules.clear();
            armed = false;
            outcomes.clear();
            outcomeRules.clear();
            webhookFaults.clear();
            webhookRules.clear();
        }
    }

    /** Scripted faults not yet played (each repetition counts). */
    public int pendingFaults() {
        synchronized (lock) {
            return scripted.stream().mapToInt(s -> s.remaining).sum();
        }
    }

    /**
     * The fault to play on a request to {@code route}, if any; consumes a scripted one. Called
     * by the simulator's dispatcher once per request.
     */
    public Optional<Fault> take(Route route) {
        if (!armed) {
            return Optional.empty();
        }
        synchronized (lock) {
            for (Iterator<Scripted> it = scripted.iterator(); it.hasNext(); ) {
                Scripted s = it.next();
                if (s.route.covers(route)) {
                    if (--s.remaining == 0) {
                        it.remove();
                        armed = !scripted.isEmpty() || !rules.isEmpty();
                    }
                    return Optional.of(s.fault);
                }
            }
            for (RandomRule rule : rules) {
                if (rule.route.covers(route) && random.nextDouble() < rule.rate) {
                    return Optional.of(rule.choices.get(random.nextInt(rule.choices.size())));
                }
            }
            return Optional.empty();
        }
    }

    /** The outcome of a job being submitted now; consumes a scripted one. */
    public Outcome takeOutcome() {
        synchronized (lock) {
            Outcome scriptedOutcome = outcomes.pollFirst();
            if (scriptedOutcome != null) {
                return scriptedOutcome;
            }
            for (RandomOutcome rule : outcomeRules) {
                if (random.nextDouble() < rule.rate) {
                    return rule.choices.get(random.nextInt(rule.choices.size()));
                }
            }
            return Outcome.SUCCEED;
        }
    }

    private static final class Scripted {
        final Route route;
        final Fault fault;
        int remaining;

        Scripted(Route route, Fault fault, int remaining) {
            this.route = route;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private record RandomRule(Route route, double rate, List<Fault> choices) {}

    private record RandomOutcome(double rate, List<Outcome> choices) {}

    private record RandomWebhookFault(double rate, List<WebhookFault> choices) {}
}
