package io.jenkins.plugins.happyhorse.simulator;

import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.job.JobParameters;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one simulated job, taken when {@code Simulator.jobs()} was called: what was
 * submitted, how it ends, and when (in real and in simulated time) it was created, finished
 * and first seen finished by a client, so a benchmark can measure how late clients notice.
 */
public final class SimulatedJob {
    private final String id;
    private final Host host;
    private final JobParameters parameters;
    private final Outcome outcome;
    private final BigDecimal cost;
    private final Instant createdAt;
    private final Instant createdAtSimulated;
    private final Duration processingTime;
    private final Instant completesAt;
    private final Instant completesAtSimulated;
    private final String status;
    private final boolean finished;
    private final Instant finalStatusSeenAt;
    private final Instant finalStatusSeenAtSimulated;
    private final long polls;
    private final long downloads;
    private final Instant firstDownloadAt;
    private final String outputUrl;
    private final long seed;

    SimulatedJob(
            String id,
            Host host,
            JobParameters parameters,
            Outcome outcome,
            BigDecimal cost,
            Instant createdAt,
            Instant createdAtSimulated,
            Duration processingTime,
            Instant completesAt,
            Instant completesAtSimulated,
            String status,
            boolean finished,
            Instant finalStatusSeenAt,
            Instant finalStatusSeenAtSimulated,
            long polls,
            long downloads,
            Instant firstDownloadAt,
            String outputUrl,
            long seed) {
        this.id = id;
        this.host = host;
        this.parameters = parameters;
        this.outcome = outcome;
        this.cost = cost;
        this.createdAt = createdAt;
        this.createdAtSimulated = createdAtSimulated;
        this.processingTime = processingTime;
        this.completesAt = completesAt;
        this.completesAtSimulated = completesAtSimulated;
        this.status = status;
        this.finished = finished;
        this.finalStatusSeenAt = finalStatusSeenAt;
        this.finalStatusSeenAtSimulated = finalStatusSeenAtSimulated;
        this.polls = polls;
        this.downloads = downloads;
        this.firstDownloadAt = firstDownloadAt;
        this.outputUrl = outputUrl;
        this.seed = seed;
    }

    public String id() {
        return id;
    }

    public Host host() {
        return host;
    }

    public JobParameters parameters() {
        return parameters;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The charge in USD. */
    public BigDecimal cost() {
        return cost;
    }

    /** Real instant of submission. */
    public Instant createdAt() {
        return createdAt;
    }

    public Instant createdAtSimulated() {
        return createdAtSimulated;
    }

    /** Simulated time from submission to the final status. */
    public Duration processingTime() {
        return processingTime;
    }

    /** Real instant at which the job reaches its final status. */
    public Instant completesAt() {
        return completesAt;
    }

    public Instant completesAtSimulated() {
        return completesAtSimulated;
    }

    /** The host's status word at snapshot time. */
    public String status() {
        return status;
    }

    /** Whether the job had reached a final status at snapshot time. */
    public boolean finished() {
        return finished;
    }

    /** Real instant a client was first answered with the final status. */
    public Optional<Instant> finalStatusSeenAt() {
        return Optional.ofNullable(finalStatusSeenAt);
    }

    public Optional<Instant> finalStatusSeenAtSimulated() {
        return Optional.ofNullable(finalStatusSeenAtSimulated);
    }

    /** Real time between the job finishing and a client first seeing it finished. */
    public Optional<Duration> noticeDelay() {
        return finalStatusSeenAt().map(seen -> Duration.between(completesAt, seen));
    }

    /** Status requests made for this job. */
    public long polls() {
        return polls;
    }

    /** Output downloads (GET, not HEAD). */
    public long downloads() {
        return downloads;
    }

    public Optional<Instant> firstDownloadAt() {
        return Optional.ofNullable(firstDownloadAt);
    }

    /** Where the clip is served once the job succeeded. */
    public String outputUrl() {
        return outputUrl;
    }

    /** The seed the job used: the one sent, or one the host picked. */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "SimulatedJob{" + host.id() + " " + id + " " + status + ", outcome=" + outcome + "}";
    }
}
