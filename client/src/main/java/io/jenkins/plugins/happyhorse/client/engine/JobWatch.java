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
 *
 * <p>When the host is expected to call back, the watch polls on a slow safety net instead, and a
 * {@link #hint()} (a verified callback) makes it ask the host at once; from then on it polls on
 * the normal schedule. One request at a time: a hint during a poll asks again once that answer is
 * in, and a timer that fires during a hint's poll is dropped. Once the job's final state is seen,
 * hints change nothing.
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

    private final Object lock = new Object();
    /** The safety net while a callback is expected (until the first hint), or null. */
    private PollingPolicy slow;
    // Guarded by lock: the next poll's timer; whether a poll is under way; whether a hint came
    // while one was; whether a hint came at all; whether the watch is over (final state or cancel).
    private Cancellable pending;
    private boolean inFlight;
    private boolean askAgain;
    private boolean hinted;
    private boolean settled;
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

    /**
     * Expects the host to call back: polls on {@code safetyNet} until the first {@link #hint()}.
     * Call before {@link #start}.
     */
    JobWatch expectCallback(PollingPolicy safetyNet) {
        this.slow = safetyNet;
        return this;
    }

    /** Starts waiting; {@code askNow} asks at once instead of at the schedule's first poll. */
    void start(boolean askNow) {
        if (askNow) {
            poll();
        } else {
            scheduleNextPoll();
        }
    }

    /** Calls off the next poll, if one is pending; hints change nothing from now on. */
    void cancel() {
        Cancellable p;
        synchronized (lock) {
            settled = true;
            p = pending;
            pending = null;
        }
        if (p != null) {
            p.cancel();
        }
    }

    /**
     * A verified callback named this job: ask the host now (or right after the answer under way).
     * Returns false when the watch no longer waits. Any thread.
     */
    boolean hint() {
        Cancellable p;
        synchronized (lock) {
            if (settled || control.isOver()) {
                return false;
            }
            hinted = true;
            if (inFlight) {
                askAgain = true;
                return true;
            }
            p = pending;
            pending = null;
        }
        if (p != null) {
            p.cancel();
        }
        control.emit(CallbackMessages.woken(provider.id(), job.predictionId()));
        poll();
        return true;
    }

    private void scheduleNextPoll() {
        if (control.isOver()) {
            return;
        }
        Duration elapsed = Duration.between(job.submittedAt(), control.now());
        synchronized (lock) {
            if (settled || inFlight) {
                return; // a hint's poll is under way: its answer schedules the next one
            }
            PollingPolicy now = slow != null && !hinted ? slow : policy;
            pending = control.after(now.nextDelay(expected, elapsed), this::poll);
        }
    }

    private void poll() {
        synchronized (lock) {
            if (settled || inFlight) {
                return; // the answer under way will do
            }
            inFlight = true;
            pending = null;
        }
        provider.poll(session, job.predictionId(), acceptedAt).whenComplete((prediction, error) -> {
            synchronized (lock) {
                inFlight = false;
            }
            if (error != null) {
                control.fail(error);
                return;
            }
            control.guarded(() -> onPrediction(prediction));
        });
    }

    /** After a non-final answer: ask again at once when a hint came meanwhile, else on schedule. */
    private void continueWaiting() {
        boolean again;
        synchronized (lock) {
            again = askAgain;
            askAgain = false;
        }
        if (again) {
            poll();
        } else {
            scheduleNextPoll();
        }
    }

    private void settle() {
        synchronized (lock) {
            settled = true;
        }
    }

    private void onPrediction(Prediction p) {
        String id = job.predictionId();
        switch (p.status()) {
            case SUCCEEDED -> {
                settle();
                if (p.outputs().isEmpty()) {
                    control.fail(RenderMessages.noOutputUrl(provider.id(), id));
                    return;
                }
                URI url = p.outputs().get(0);
                control.next(() -> onDone.accept(url));
            }
            case FAILED, CANCELLED, TIMED_OUT -> {
                settle();
                control.fail(RenderMessages.jobFailed(
                        provider.id(), id, p, p.error() == null ? null : session.redact(p.error())));
            }
            case UNKNOWN -> {
                if (++unknownStreak >= UNKNOWN_STATUS_TOLERANCE) {
                    settle();
                    control.fail(RenderMessages.unknownStatus(
                            provider.id(), id, session.redact(String.valueOf(p.hostStatus()))));
                    return;
                }
                continueWaiting();
            }
            default -> {
                unknownStreak = 0;
                if (p.status() != lastStatus) {
                    lastStatus = p.status();
                    control.emit(RenderMessages.jobIs(id, p.hostStatus()));
                }
                continueWaiting();
            }
        }
    }
}
