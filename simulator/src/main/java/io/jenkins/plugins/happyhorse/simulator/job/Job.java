package io.jenkins.plugins.happyhorse.simulator.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * One submitted job. Everything about it is fixed at submission (outcome, processing time and
 * the host quirks it plays, drawn from a generator seeded per job); its state is computed from
 * the simulated clock on each look, so a job costs no thread and no timer.
 */
public final class Job {
    /** Share of the processing time a job spends queued before it counts as processing. */
    private static final double QUEUED_SHARE = 0.2;

    /** How an Atlas Cloud prediction spells its output. */
    public enum OutputForm {
        /** {@code data.outputs: [url]}, the documented form. */
        OUTPUTS_LIST,
        /** {@code data.output: url}. */
        OUTPUT_STRING,
        /** {@code data.output: [url]}. */
        OUTPUT_LIST
    }

    private final String id;
    private final Host host;
    private final long sequence;
    private final JobParameters parameters;
    private final ObjectNode input;
    private final Outcome outcome;
    private final BigDecimal cost;
    private final Instant createdAt;
    private final Instant createdAtSimulated;
    private final Duration processingTime;
    private final long effectiveSeed;
    private final String outputUrl;

    private final boolean atlasSaysSucceeded;
    private final OutputForm atlasOutputForm;
    private final boolean atlasFailsWith500;
    private final int atlasEarlyStatus;
    private final boolean atlasSpellsCanceled;
    private final int expiredOutputStatus;

    private final AtomicReference<Instant[]> finalStatusSeen = new AtomicReference<>();
    private final AtomicReference<Instant> firstDownloadAt = new AtomicReference<>();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong downloads = new AtomicLong();

    Job(
            String id,
            Host host,
            long sequence,
            JobParameters parameters,
            ObjectNode input,
            Outcome outcome,
            BigDecimal cost,
            Instant createdAt,
            Instant createdAtSimulated,
            Duration processingTime,
            RandomGenerator random,
            String outputUrl) {
        this.id = id;
        this.host = host;
        this.sequence = sequence;
        this.parameters = parameters;
        this.input = input;
        this.outcome = outcome;
        this.cost = cost;
        this.createdAt = createdAt;
        this.createdAtSimulated = createdAtSimulated;
        this.processingTime = processingTime;
        this.outputUrl = outputUrl;
        this.effectiveSeed = parameters.seed().orElse(random.nextInt(Integer.MAX_VALUE));
        this.atlasSaysSucceeded = random.nextBoolean();
        double form = random.nextDouble();
        this.atlasOutputForm =
                form < 0.6 ? OutputForm.OUTPUTS_LIST : form < 0.8 ? OutputForm.OUTPUT_STRING : OutputForm.OUTPUT_LIST;
        this.atlasFailsWith500 = random.nextBoolean();
        this.atlasEarlyStatus = random.nextDouble() < 0.25 ? 400 : 404;
        this.atlasSpellsCanceled = random.nextBoolean();
        this.expiredOutputStatus = random.nextBoolean() ? 403 : 404;
    }

    public String id() {
        return id;
    }

    public Host host() {
        return host;
    }

    /** Submission order across both hosts, from 1. */
    public long sequence() {
        return sequence;
    }

    public JobParameters parameters() {
        return parameters;
    }

    /** The submitted body without {@code model} (Atlas Cloud history shows it); a copy. */
    public ObjectNode input() {
        return input.deepCopy();
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The charge in USD. */
    public BigDecimal cost() {
        return cost;
    }

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

    /** The simulated instant the job reaches its final status. */
    public Instant completesAtSimulated() {
        return createdAtSimulated.plus(processingTime);
    }

    /** The seed the job used: the one sent, or one the host picked. */
    public long effectiveSeed() {
        return effectiveSeed;
    }

    /** Where the clip is served on the media origin once the job succeeded. */
    public String outputUrl() {
        return outputUrl;
    }

    /** The job's state at simulated instant {@code now}. */
    public JobState state(Instant now) {
        Duration elapsed = Duration.between(createdAtSimulated, now);
        if (elapsed.compareTo(processingTime) < 0) {
            double share = processingTime.isZero() ? 1 : (double) elapsed.toNanos() / processingTime.toNanos();
            return share < QUEUED_SHARE ? JobState.QUEUED : JobState.PROCESSING;
        }
        switch (outcome) {
            case FAIL:
                return JobState.FAILED;
            case MODERATION:
            case IP_INFRINGEMENT:
                return JobState.MODERATED;
            case TIMEOUT:
                return JobState.TIMED_OUT;
            case CANCEL:
                return JobState.CANCELLED;
            case UNKNOWN_STATUS:
                return JobState.UNKNOWN;
            default:
                return JobState.SUCCEEDED;
        }
    }

    /** Atlas Cloud: success is spelled {@code succeeded} (else {@code completed}). */
    public boolean atlasSaysSucceeded() {
        return atlasSaysSucceeded;
    }

    public OutputForm atlasOutputForm() {
        return atlasOutputForm;
    }

    /** Atlas Cloud: a failure is answered as HTTP 500 with a failed body (else HTTP 200). */
    public boolean atlasFailsWith500() {
        return atlasFailsWith500;
    }

    /** Atlas Cloud: the status (404 or 400) answered right after submission. */
    public int atlasEarlyStatus() {
        return atlasEarlyStatus;
    }

    /** Atlas Cloud: cancellation is spelled {@code canceled} (else {@code cancelled}). */
    public boolean atlasSpellsCanceled() {
        return atlasSpellsCanceled;
    }

    /** The status (403 or 404) an expired output answers. */
    public int expiredOutputStatus() {
        return expiredOutputStatus;
    }

    /** Counts a status request. */
    public void notePoll() {
        polls.incrementAndGet();
    }

    public long polls() {
        return polls.get();
    }

    /** Records, once, when a client was first told the job's final status. */
    public void noteFinalStatusSeen(Instant realNow, Instant simulatedNow) {
        finalStatusSeen.compareAndSet(null, new Instant[] {realNow, simulatedNow});
    }

    /** Real instant at which a client first saw the final status, or null. */
    public Instant finalStatusSeenAt() {
        Instant[] seen = finalStatusSeen.get();
        return seen == null ? null : seen[0];
    }

    /** Simulated instant at which a client first saw the final status, or null. */
    public Instant finalStatusSeenAtSimulated() {
        Instant[] seen = finalStatusSeen.get();
        return seen == null ? null : seen[1];
    }

    /** Counts a download of the output and remembers the first one's real instant. */
    public void noteDownload(Instant realNow) {
        downloads.incrementAndGet();
        firstDownloadAt.compareAndSet(null, realNow);
    }

    public long downloads() {
        return downloads.get();
    }

    /** Real instant of the first output download, or null. */
    public Instant firstDownloadAt() {
        return firstDownloadAt.get();
    }

    /** What clients have done with the job so far, read at once. */
    public Activity activity() {
        Instant[] seen = finalStatusSeen.get();
        return new Activity(
                polls.get(),
                downloads.get(),
                firstDownloadAt.get(),
                seen == null ? null : seen[0],
                seen == null ? null : seen[1]);
    }

    /**
     * What clients had done with a job when it was read: the only part of a job that changes after
     * its submission.
     *
     * @param polls status requests made
     * @param downloads output downloads (GET, not HEAD)
     * @param firstDownloadAt real instant of the first download, or null
     * @param finalStatusSeenAt real instant a client first saw the final status, or null
     * @param finalStatusSeenAtSimulated the same in simulated time, or null
     */
    public record Activity(
            long polls,
            long downloads,
            Instant firstDownloadAt,
            Instant finalStatusSeenAt,
            Instant finalStatusSeenAtSimulated) {}
}
