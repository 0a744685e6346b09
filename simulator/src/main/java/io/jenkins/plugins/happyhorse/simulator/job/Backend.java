package io.jenkins.plugins.happyhorse.simulator.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.FaultPlan;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsRecorder;
import io.jenkins.plugins.happyhorse.simulator.time.SimulatedClock;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What both simulated hosts share behind their wire formats: the clock, the jobs, the
 * accounts and prices, the fault plan's job outcomes and the counters. Thread-safe.
 */
public final class Backend {
    private final SimulatedClock clock;
    private final FaultPlan faults;
    private final StatsRecorder stats;
    private final JobStore jobs = new JobStore();
    private final PriceSheet prices;
    private final Map<Host, Account> accounts = new EnumMap<>(Host.class);
    private final Map<Host, AccountLimiter> limits = new EnumMap<>(Host.class);
    private final ProcessingTimeModel processing;
    private final long seed;
    private final URI mediaBase;
    private final Duration atlasNotFoundWindow;

    /**
     * Thrown when a submit goes beyond the account's level (HTTP 429): nothing is created or
     * charged. Each host answers it in its own words.
     */
    public static final class LimitReachedException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Duration retryAfter;

        LimitReachedException(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        /** When the submit would pass. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Thrown when an account cannot pay for a job (HTTP 402). */
    public static final class BalanceExhaustedException extends Exception {
        private static final long serialVersionUID = 1L;

        BalanceExhaustedException(String message) {
            super(message);
        }
    }

    public Backend(
            SimulatedClock clock,
            FaultPlan faults,
            StatsRecorder stats,
            PriceSheet prices,
            Map<Host, BigDecimal> balances,
            Map<Host, AccountLevel> levels,
            ProcessingTimeModel processing,
            long seed,
            URI mediaBase,
            Duration atlasNotFoundWindow) {
        this.clock = clock;
        this.faults = faults;
        this.stats = stats;
        this.prices = prices;
        for (Host host : Host.values()) {
            accounts.put(host, new Account(balances.get(host)));
            limits.put(host, new AccountLimiter(levels.getOrDefault(host, AccountLevel.UNLIMITED)));
        }
        this.processing = processing;
        this.seed = seed;
        this.mediaBase = mediaBase;
        this.atlasNotFoundWindow = atlasNotFoundWindow;
    }

    public SimulatedClock clock() {
        return clock;
    }

    public JobStore jobs() {
        return jobs;
    }

    public StatsRecorder stats() {
        return stats;
    }

    public Account account(Host host) {
        return accounts.get(host);
    }

    /** How long (simulated) an Atlas Cloud prediction answers 404/400 after submission. */
    public Duration atlasNotFoundWindow() {
        return atlasNotFoundWindow;
    }

    /**
     * Accepts a job: checks the account's level, charges the account, draws the outcome and
     * processing time, stores it. The check and the creation happen under the account's lock, so
     * submits at once never overshoot the level.
     *
     * @param input the submitted body without {@code model}, kept for Atlas Cloud's history
     * @throws LimitReachedException when the account's level refuses it (nothing is created or charged)
     * @throws BalanceExhaustedException when the account cannot pay (nothing is created)
     */
    public Job submit(Host host, JobParameters parameters, ObjectNode input)
            throws LimitReachedException, BalanceExhaustedException {
        AccountLimiter limiter = limits.get(host);
        synchronized (limiter) {
            Instant now = clock.now();
            Optional<AccountLimiter.Refusal> refusal = limiter.check(now, jobs.newestFirst(host));
            if (refusal.isPresent()) {
                stats.refusedSubmit(host);
                throw new LimitReachedException(
                        refusal.get().message(), refusal.get().retryAfter());
            }
            Job job = create(host, parameters, input);
            limiter.accepted(now);
            return job;
        }
    }

    private Job create(Host host, JobParameters parameters, ObjectNode input) throws BalanceExhaustedException {
        BigDecimal price = prices.price(host, parameters);
        if (!accounts.get(host).tryCharge(price)) {
            throw new BalanceExhaustedException(
                    "insufficient balance: this job costs " + price.toPlainString() + " USD; top up the account");
        }
        Outcome outcome = faults.takeOutcome();
        Job job = jobs.add(sequence -> {
            SplittableRandom random = new SplittableRandom(seed ^ Long.reverse(sequence * 0x9E3779B97F4A7C15L));
            String id = String.format(
                    Locale.ROOT, "%016x%016x", random.nextLong(), Long.reverse(sequence * 0xBF58476D1CE4E5B9L));
            Duration time = processing.processingTime(parameters, random);
            if (time.isNegative()) {
                throw new IllegalStateException("processing time model returned a negative time: " + time);
            }
            Instant real = clock.realNow();
            return new Job(
                    id,
                    host,
                    sequence,
                    parameters,
                    input,
                    outcome,
                    price,
                    real,
                    clock.simulatedInstantOf(real),
                    time,
                    random,
                    mediaBase + "/outputs/" + id + ".mp4");
        });
        stats.submission(host, price);
        return job;
    }
}
