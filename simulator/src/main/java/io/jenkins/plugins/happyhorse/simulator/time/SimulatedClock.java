package io.jenkins.plugins.happyhorse.simulator.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Simulated time: it starts when the simulator starts (at the real instant, unless another
 * simulated start is given) and runs {@code scale} times faster than the real time source.
 * Every job's state is computed from it when asked, so no timer exists per job.
 */
public final class SimulatedClock {
    private final Clock real;
    private final double scale;
    private final Instant realStart;
    private final Instant simulatedStart;

    /**
     * @param real the real time source (the system clock, or a manual clock in tests)
     * @param scale simulated seconds per real second, greater than zero
     * @param simulatedStart the simulated instant at the start, or null for the real instant
     */
    public SimulatedClock(Clock real, double scale, Instant simulatedStart) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be a positive number: " + scale);
        }
        this.real = real;
        this.scale = scale;
        this.realStart = real.instant();
        this.simulatedStart = simulatedStart == null ? realStart : simulatedStart;
    }

    /** Simulated seconds per real second. */
    public double scale() {
        return scale;
    }

    /** The real time now, from the real time source. */
    public Instant realNow() {
        return real.instant();
    }

    /** The simulated time now. */
    public Instant now() {
        return simulatedInstantOf(real.instant());
    }

    /** The simulated instant that corresponds to a real instant. */
    public Instant simulatedInstantOf(Instant realInstant) {
        long realNanos = Duration.between(realStart, realInstant).toNanos();
        return simulatedStart.plusNanos(Math.round(realNanos * scale));
    }

    /** The real instant at which simulated time reaches {@code simulated}. */
    public Instant realInstantOf(Instant simulated) {
        long simulatedNanos = Duration.between(simulatedStart, simulated).toNanos();
        return realStart.plusNanos(Math.round(simulatedNanos / scale));
    }

    /** How long a simulated span lasts in real time. */
    public Duration realDurationOf(Duration simulated) {
        return Duration.ofNanos(Math.round(simulated.toNanos() / scale));
    }
}
