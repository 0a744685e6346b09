package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Waits for one job: asks the host on the {@link PollingPolicy}'s schedule, each wait a scheduled
 * task rather than a thread, until the job succeeds (then hands on the clip's URL) or ends
 * without a clip (then fails the run, saying why). A status word this version does not know is
 * tolerated a few times in a row before the run gives up.
 */
final class JobWatch {
    private static final int UNKNOWN_STATUS_TOLERANCE = 3;

    private final RunControl control;
    private final PollingPolicy policy;
    private final Provider provider;
    private final HostSession session;
    private final RenderCheckpoint job;
    private final Instant acceptedAt;
    private final Consumer<URI> onDone;
    private final Duration expected;

    private volatile Cancellable pending;
    private PredictionStatus lastStatus;
    private int unknownStreak;

    /**
     * @param job the job's facts; its prediction id is known
     * @param acceptedAt when the host is known to have had the job, or null when that is unknown
     * @param onDone what to do with the clip's URL once the job succeeded
     */
    JobWatch(
            RunControl control,
            PollingPolicy policy,
            Provider provider,
            HostSession session,
            RenderCheckpoint job,
            Instant acceptedAt,
            Consumer<URI> onDone) {
        this.control = control;
        this.policy = policy;
        this.provider = provider;
        this.session = session;
        this.job = job;
        this.acceptedAt = acceptedAt;
        this.onDone = onDone;
        this.expected = job.expected().map(policy::expectedProcessing).orElse(Duration.ZERO);
    }

    /** Starts waiting; {@code askNow} asks at once instead of at the schedule's first poll. */
    void start(boolean askNow) {
        if (askNow) {
            poll();
        } else {
            scheduleNextPoll();
        }
    }

    /** Calls off the next poll, if one is pending. */
    void cancel() {
        Cancellable p = pending;
        if (p != null) {
            p.cancel();
        }
    }

    private void scheduleNextPoll() {
        if (control.isOver()) {
            return;
        }
        Duration elapsed = Duration.between(job.submittedAt(), control.now());
        pending = control.after(policy.nextDelay(expected, elapsed), this::poll);
    }

    private void poll() {
        provider.poll(session, job.predictionId(), acceptedAt).whenComplete((prediction, error) -> {
            if (error != null) {
                control.fail(error);
                return;
            }
            control.guarded(() -> onPrediction(prediction));
        });
    }

    private void onPrediction(Prediction p) {
        String id = job.predictionId();
        switch (p.status()) {
            case SUCCEEDED -> {
                if (p.outputs().isEmpty()) {
                    control.fail(RenderMessages.noOutputUrl(provider.id(), id));
                    return;
                }
                URI url = p.outputs().get(0);
                control.next(() -> onDone.accept(url));
            }
            case FAILED, CANCELLED, TIMED_OUT ->
                control.fail(RenderMessages.jobFailed(
                        provider.id(), id, p, p.error() == null ? null : session.redact(p.error())));
            case UNKNOWN -> {
                if (++unknownStreak >= UNKNOWN_STATUS_TOLERANCE) {
                    control.fail(RenderMessages.unknownStatus(
                            provider.id(), id, session.redact(String.valueOf(p.hostStatus()))));
                    return;
                }
                scheduleNextPoll();
            }
            default -> {
                unknownStreak = 0;
                if (p.status() != lastStatus) {
                    lastStatus = p.status();
                    control.emit(RenderMessages.jobIs(id, p.hostStatus()));
                }
                scheduleNextPoll();
            }
        }
    }
}
