package io.jenkins.plugins.happyhorse.simulator.job;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long (in simulated time) a job takes on the host, from submission to its final status.
 */
@FunctionalInterface
public interface ProcessingTimeModel {

    /**
     * The simulated processing time of a job.
     *
     * @param parameters the job's parameters
     * @param random a generator seeded for this job, so results are reproducible
     */
    Duration processingTime(JobParameters parameters, RandomGenerator random);

    /**
     * The default: {@code 60 + 12 x duration} seconds, times 1.5 at 1080p, spread by plus or
     * minus 25 % uniformly, clamped to 60..300 seconds.
     */
    static ProcessingTimeModel standard() {
        return (parameters, random) -> {
            double base = 60 + 12.0 * parameters.durationSeconds();
            if (parameters.is1080p()) {
                base *= 1.5;
            }
            double spread = 0.75 + 0.5 * random.nextDouble();
            double seconds = Math.max(60, Math.min(300, base * spread));
            return Duration.ofMillis(Math.round(seconds * 1000));
        };
    }

    /** Every job takes exactly {@code time}. */
    static ProcessingTimeModel fixed(Duration time) {
        if (time.isNegative()) {
            throw new IllegalArgumentException("processing time cannot be negative: " + time);
        }
        return (parameters, random) -> time;
    }
}
