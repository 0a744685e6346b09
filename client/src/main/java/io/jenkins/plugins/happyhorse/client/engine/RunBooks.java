package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.admission.AdmissionGate;
import io.jenkins.plugins.happyhorse.client.error.BudgetExceededException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.spend.Charge;
import io.jenkins.plugins.happyhorse.client.spend.ChargeState;
import io.jenkins.plugins.happyhorse.client.spend.Reservation;
import io.jenkins.plugins.happyhorse.client.spend.SpendIntent;
import io.jenkins.plugins.happyhorse.client.spend.SpendLedger;
import io.jenkins.plugins.happyhorse.client.time.Cancellable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What a render owes, and may save, around its one paid call: before any call, an identical clip
 * reused ({@link ReuseStep}) and the estimated cost reserved against the budgets; before the
 * submit, a slot at the host (the engine's admission gate, if configured) and the charge's intent
 * on the disk (the spend ledger, if configured); after it, the charge confirmed, refused or left
 * pending, and the slot given back when the job ends. A 429 on the submit is decided here for
 * every host: no job exists and nothing is charged, so the render waits ({@code Retry-After}, or
 * the engine's backoff) within its deadline and submits again, at most one submit being accepted.
 * {@link RenderRun} calls it at a few points and knows nothing of budgets, ledgers or gates.
 */
final class RunBooks {
    /** What became of the submit, as far as the books know. */
    private enum Outcome {
        NONE,
        SENT,
        ACCEPTED,
        REFUSED,
        LOST
    }

    private final RenderEngine engine;
    private final RenderOptions options;
    private final RunControl control;
    private final ReuseStep reuse;
    private final SlotWait slotWait;
    private boolean admittedOnce;

    /** What the run does while its first wait for a slot at the host lasts, when the caller bounds it apart. */
    interface SlotWait {
        /** The render has to wait: the deadline stops counting, the wait's own bound starts. */
        void began();

        /** The render has its slot: the deadline counts from now. */
        void ended();
    }

    private volatile Reservation reservation;
    private volatile CompletableFuture<AdmissionGate.Permit> asking;
    private volatile AdmissionGate.Permit permit;
    private volatile Cancellable retry;
    private volatile String chargeId;
    private volatile String acceptedId;
    private volatile Outcome outcome = Outcome.NONE;
    private volatile String refusal = "";
    private volatile boolean confirmed;
    private Provider provider;
    private Runnable attempt;
    private int refusals;

    RunBooks(
            RenderEngine engine,
            RenderOptions options,
            RunControl control,
            ClipDelivery delivery,
            Consumer<RenderPhase> phase,
            SlotWait slotWait) {
        this.engine = engine;
        this.options = options;
        this.control = control;
        this.reuse = new ReuseStep(options, control, delivery, phase);
        this.slotWait = slotWait;
    }

    // ---- before any call --------------------------------------------------------------------

    /**
     * Delivers an identical clip without any call, or reserves the estimate against the budgets
     * (refusing the render, before any call, when one would go over) and calls {@code render}.
     */
    void beforeAnyCall(Preflight checked, Runnable render) {
        reuse.before(checked, () -> {
            if (reserve(checked)) {
                render.run();
            }
        });
    }

    private boolean reserve(Preflight checked) {
        if (options.budgetLedger() == null || options.budgets().isEmpty()) {
            return true;
        }
        try {
            reservation = options.budgetLedger()
                    .reserve(
                            options.budgets(),
                            options.spendLabels(),
                            checked.spec().provider().id(),
                            checked.estimate().usd());
            return true;
        } catch (BudgetExceededException e) {
            control.fail(e);
            return false;
        }
    }

    // ---- the submit -------------------------------------------------------------------------

    /**
     * Runs {@code submitAttempt} (save the checkpoint, then {@link #beforeSend}) once the render
     * has a slot at the host, at once when it is not gated; and again after every 429.
     */
    void whenAdmitted(Provider host, Runnable submitAttempt) {
        this.provider = host;
        this.attempt = submitAttempt;
        admit();
    }

    private void admit() {
        AdmissionGate gate = engine.admission().gate(provider, options.apiKey());
        if (gate == null) {
            attempt.run();
            return;
        }
        CompletableFuture<AdmissionGate.Permit> granted = gate.acquire();
        asking = granted;
        boolean waits = !granted.isDone();
        // Only the first wait is bounded apart: after a 429 the render waits within its deadline.
        boolean apart = waits && !admittedOnce && options.slotWait() != null;
        admittedOnce = true;
        if (waits) {
            control.emit(SpendMessages.waitingForSlot(provider.id().displayName(), gate.state()));
        }
        if (apart) {
            slotWait.began();
        }
        granted.thenAccept(p -> {
            permit = p;
            if (control.isOver()) {
                // The run ended while it waited (its clean-up may have run already): the slot goes back.
                p.release();
                return;
            }
            control.next(() -> {
                if (apart) {
                    slotWait.ended();
                }
                attempt.run();
            });
        });
    }

    /** Whether the render waits for a slot at the host right now. */
    boolean waitingForSlot() {
        CompletableFuture<AdmissionGate.Permit> waiting = asking;
        return waiting != null && !waiting.isDone() && !control.isOver();
    }

    /** Records the charge's intent (on the disk before the submit is sent), then sends. */
    void beforeSend(RenderCheckpoint at, Runnable send) {
        SpendLedger ledger = options.spendLedger();
        if (ledger != null) {
            try {
                Reservation r = reservation;
                chargeId = ledger.intent(new SpendIntent(
                        at.submittedAt(),
                        options.spendLabels(),
                        at.provider().id(),
                        at.model(),
                        at.durationSeconds(),
                        at.resolution() == null ? "" : at.resolution().wire(),
                        at.aspectRatio() == null ? "" : at.aspectRatio().wire(),
                        at.estimatedCost(),
                        at.requestDigest(),
                        r == null ? "" : r.id()));
            } catch (RuntimeException e) {
                control.fail(SpendMessages.intentNotRecorded(e));
                return;
            }
        }
        outcome = Outcome.SENT;
        send.run();
    }

    /**
     * Takes note of the submit's outcome (on an I/O thread: nothing slow here). True when the host
     * refused it for now (429): the books wait and submit again, and the caller does nothing more.
     */
    boolean afterSubmit(String id, Throwable cause) {
        boolean throttled = cause instanceof RateLimitedException r && r.submitRefused();
        if (cause == null) {
            acceptedId = id;
            outcome = Outcome.ACCEPTED;
        } else if (cause instanceof SubmitReplyLostException) {
            outcome = Outcome.LOST;
        } else {
            outcome = Outcome.REFUSED;
            refusal = throttled ? "refused by the host with 429 (too many requests)" : "refused by the host";
        }
        if (control.isOver()) {
            // The run ended while the submit was out (cancelled, or its deadline): the books still settle.
            engine.scheduler().execute(this::settle);
            return throttled;
        }
        if (throttled) {
            control.next(() -> throttled((RateLimitedException) cause));
        }
        return throttled;
    }

    private void throttled(RateLimitedException refused) {
        settle();
        chargeId = null;
        outcome = Outcome.NONE;
        AdmissionGate.Permit p = permit;
        permit = null;
        if (p != null) {
            p.throttled();
        }
        refusals++;
        Duration wait = engine.admission()
                .backoff()
                .delay(refusals, refused.retryAfter().orElse(null));
        String host = provider.id().displayName();
        if (control.now().plus(wait).isAfter(control.deadlineFrom().plus(options.deadline()))) {
            control.fail(SpendMessages.busyUntilDeadline(host, refusals, wait, options.deadline()));
            return;
        }
        control.emit(SpendMessages.busy(host, wait));
        retry = control.after(wait, this::admit);
    }

    /** The host has the job {@code id}: the charge is confirmed, the reservation settled, the gate grows. */
    void accepted(String id) {
        acceptedId = id;
        outcome = Outcome.ACCEPTED;
        AdmissionGate.Permit p = permit;
        if (p != null) {
            p.accepted();
        }
        settle();
    }

    /** The job has ended at the host: its slot is free for the next render. */
    void jobEnded() {
        AdmissionGate.Permit p = permit;
        if (p != null) {
            p.release();
        }
    }

    /**
     * A resumed (or collected) job counts against the host's limit at once, and a charge recorded
     * for its submit (perhaps by another process) is picked up, to be confirmed or left pending.
     */
    void resumed(Provider host, RenderCheckpoint from) {
        this.provider = host;
        AdmissionGate gate = engine.admission().gate(host, options.apiKey());
        if (gate != null) {
            permit = gate.occupy();
        }
        SpendLedger ledger = options.spendLedger();
        if (ledger == null || from.adopted() || from.requestDigest() == null) {
            return;
        }
        try {
            Optional<Charge> charge = ledger.bySubmit(from.provider().id(), from.requestDigest(), from.submittedAt());
            if (charge.isPresent() && charge.get().state() != ChargeState.VOID) {
                chargeId = charge.get().id();
                outcome = Outcome.LOST;
                if (from.predictionId() != null) {
                    acceptedId = from.predictionId();
                    outcome = Outcome.ACCEPTED;
                    settle();
                }
            }
        } catch (RuntimeException e) {
            control.emit(SpendMessages.ledgerNotUpdated("the resumed charge", e));
        }
    }

    // ---- the end ----------------------------------------------------------------------------

    /** A paid render delivered its clip: recorded for reuse. */
    void delivered(RenderCheckpoint at, Path output) {
        reuse.delivered(at, output);
    }

    /** The run is over ({@code error} null for success): everything held is given back, the charge settled. */
    void ended(RenderException error) {
        CompletableFuture<AdmissionGate.Permit> waiting = asking;
        if (waiting != null) {
            waiting.cancel(false);
        }
        Cancellable r = retry;
        if (r != null) {
            r.cancel();
        }
        AdmissionGate.Permit p = permit;
        if (p != null) {
            p.release();
        }
        if (outcome == Outcome.LOST && error instanceof SubmissionUncertainException u && u.noJobFound()) {
            outcome = Outcome.REFUSED;
            refusal = "the host shows no job for it";
        }
        settle();
        Reservation held = reservation;
        if (held != null) {
            // Settled already when accepted; otherwise a pending charge (if any) counts in its place.
            held.release();
        }
        reuse.ended(error);
    }

    /** Writes what the ledger does not know yet: a confirmation or a refusal. Idempotent. */
    private synchronized void settle() {
        String id = chargeId;
        SpendLedger ledger = options.spendLedger();
        if (outcome == Outcome.ACCEPTED) {
            Reservation held = reservation;
            if (held != null) {
                held.settle();
            }
        }
        if (ledger == null || id == null) {
            return;
        }
        try {
            if (outcome == Outcome.ACCEPTED && !confirmed) {
                ledger.confirm(id, acceptedId);
                confirmed = true;
            } else if (outcome == Outcome.REFUSED) {
                ledger.refuse(id, refusal);
                chargeId = null;
            }
        } catch (RuntimeException e) {
            control.emit(SpendMessages.ledgerNotUpdated("the host's answer", e));
        }
    }
}
