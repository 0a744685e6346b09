package io.jenkins.plugins.happyhorse.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.job.Job;
import io.jenkins.plugins.happyhorse.simulator.job.JobParameters;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one simulated {@link Job}, taken when {@code Simulator.jobs()} was called: what
 * was submitted, how it ends, and when (in real and in simulated time) it was created, finished
 * and first seen finished by a client, so a benchmark can measure how late clients notice.
 *
 * <p>What a job fixed at its submission is read from the job itself; what changes later (its
 * status, what clients did with it) is kept as it was at the snapshot.
 */
public final class SimulatedJob {
    private final Job job;
    private final Moment at;

    /** What was true of the job at the snapshot and may change after it. */
    private record Moment(String status, boolean finished, Instant completesAt, Job.Activity activity) {}

    /**
     * @param status the host's status word at snapshot time
     * @param finished whether the job had reached a final status at snapshot time
     * @param completesAt the real instant at which the job reaches its final status
     */
    SimulatedJob(Job job, String status, boolean finished, Instant completesAt) {
        this.job = job;
        this.at = new Moment(status, finished, completesAt, job.activity());
    }

    public String id() {
        return job.id();
    }

    public Host host() {
        return job.host();
    }

    public JobParameters parameters() {
        return job.parameters();
    }

    public Outcome outcome() {
        return job.outcome();
    }

    /**
     * The body the host received, without the model (Model Studio's with {@code
     * parameters.watermark} as the host applied it), so a test can check what a client sent.
     */
    public ObjectNode input() {
        return job.input();
    }

    /** The charge in USD. */
    public BigDecimal cost() {
        return job.cost();
    }

    /** Real instant of submission. */
    public Instant createdAt() {
        return job.createdAt();
    }

    public Instant createdAtSimulated() {
        return job.createdAtSimulated();
    }

    /** Simulated time from submission to the final status. */
    public Duration processingTime() {
        return job.processingTime();
    }

    /** Real instant at which the job reaches its final status. */
    public Instant completesAt() {
        return at.completesAt();
    }

    public Instant completesAtSimulated() {
        return job.completesAtSimulated();
    }

    /** The host's status word at snapshot time. */
    public String status() {
        return at.status();
    }

    /** Whether the job had reached a final status at snapshot time. */
    public boolean finished() {
        return at.finished();
    }

    /** Real instant a client was first answered with the final status. */
    public Optional<Instant> finalStatusSeenAt() {
        return Optional.ofNullable(at.activity().finalStatusSeenAt());
    }

    public Optional<Instant> finalStatusSeenAtSimulated() {
        return Optional.ofNullable(at.activity().finalStatusSeenAtSimulated());
    }

    /** Real time between the job finishing and a client first seeing it finished. */
    public Optional<Duration> noticeDelay() {
        return finalStatusSeenAt().map(seen -> Duration.between(at.completesAt(), seen));
    }

    /** Status requests made for this job. */
    public long polls() {
        return at.activity().polls();
    }

    /** Output downloads (GET, not HEAD). */
    public long downloads() {
        return at.activity().downloads();
    }

    public Optional<Instant> firstDownloadAt() {
        return Optional.ofNullable(at.activity().firstDownloadAt());
    }

    /** Where the clip is served once the job succeeded. */
    public String outputUrl() {
        return job.outputUrl();
    }

    /** The seed the job used: the one sent, or one the host picked. */
    public long seed() {
        return job.effectiveSeed();
    }

    @Override
    public String toString() {
        return "SimulatedJob{" + job.host().id() + " " + job.id() + " " + at.status() + ", outcome=" + job.outcome()
                + "}";
    }
}
