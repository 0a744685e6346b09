package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a run does when the submit's reply never came: it asks the host for the jobs that may be
 * its own (Atlas Cloud's history, by their inputs; Model Studio's task list, by model and time),
 * lets the engine's {@link SubmitLedger} drop those other renders hold and judge whether the one
 * left can only be this render's, and adopts it. It never submits again; when the host cannot be
 * asked, or the answer shows none or could be another's, the run fails saying what the user
 * should check before rendering again.
 */
final class LostSubmit {
    /** How long to wait for another render's submit in flight before asking the host again. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** How many times to wait for it; then the lost reply is judged ambiguous. */
    static final int MAX_WAITS = 12;

    private final RunControl control;
    private final Provider provider;
    private final HostSession session;
    private final RenderCheckpoint at;
    private final SubmitReplyLostException lost;
    private final Consumer<String> adopt;
    private final SubmitLedger ledger;
    private final SubmitLedger.Entry entry;
    private final String why;

    private LostSubmit(
            RunControl control,
            Provider provider,
            HostSession session,
            RenderCheckpoint at,
            SubmitReplyLostException lost,
            Consumer<String> adopt,
            SubmitLedger ledger,
            SubmitLedger.Entry entry) {
        this.control = control;
        this.provider = provider;
        this.session = session;
        this.at = at;
        this.lost = lost;
        this.adopt = adopt;
        this.ledger = ledger;
        this.entry = entry;
        this.why = lost == null ? "the submit reply was never recorded" : lost.getMessage();
    }

    /**
     * @param at the checkpoint saved before the submit
     * @param lost the lost reply, or null when a resumed checkpoint never recorded one
     * @param adopt what to do with the id of the one job found
     * @param entry the ledger's record of this submit (already marked lost)
     */
    static void resolve(
            RunControl control,
            Provider provider,
            HostSession session,
            RenderCheckpoint at,
            SubmitReplyLostException lost,
            Consumer<String> adopt,
            SubmitLedger ledger,
            SubmitLedger.Entry entry) {
        new LostSubmit(control, provider, session, at, lost, adopt, ledger, entry).start();
    }

    private void start() {
        Optional<String> known = ledger.knownId(entry);
        if (known.isPresent()) {
            // A render of this engine already learned this very submit's id.
            control.emit(RenderMessages.knownToThisEngine(known.get()));
            adopt.accept(known.get());
            return;
        }
        if (!provider.canFindSubmissions() || at.inputDigest() == null) {
            control.fail(RenderMessages.cannotLookUp(at, why, session::redact, lost));
            return;
        }
        control.emit(RenderMessages.askingHistory(why, at.provider()));
        ask(0);
    }

    private void ask(int waits) {
        provider.findSubmission(session, at.model(), at.inputDigest(), at.submittedAt())
                .whenComplete((ids, error) -> control.next(() -> {
                    if (error != null) {
                        control.fail(
                                RenderMessages.historyUnreadable(at, why, session::redact, Failures.unwrap(error)));
                        return;
                    }
                    decide(ledger.decide(entry, ids, provider.submissionLookup()), waits);
                }));
    }

    private void decide(SubmitLedger.Decision decision, int waits) {
        if (decision instanceof SubmitLedger.Decision.Adopt a) {
            control.emit(RenderMessages.foundInHistory(at.provider(), a.id()));
            adopt.accept(a.id());
        } else if (decision instanceof SubmitLedger.Decision.None) {
            control.fail(RenderMessages.notInHistory(at, why, session::redact, lost));
        } else if (decision instanceof SubmitLedger.Decision.Several s) {
            control.fail(RenderMessages.severalInHistory(at, s.ids(), lost));
        } else if (decision instanceof SubmitLedger.Decision.Wait w && waits < MAX_WAITS) {
            control.emit(RenderMessages.waitingForOtherSubmits(w.rivals()));
            control.after(WAIT, () -> ask(waits + 1));
        } else if (decision instanceof SubmitLedger.Decision.Wait w) {
            control.fail(RenderMessages.otherSubmitsUnresolved(at, w.rivals(), lost));
        } else {
            SubmitLedger.Decision.Ambiguous a = (SubmitLedger.Decision.Ambiguous) decision;
            control.fail(RenderMessages.mayBeAnothers(at, a.id(), a.rivals(), lost));
        }
    }
}
