package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.http.Failures;
import io.jenkins.plugins.happyhorse.client.http.HostSession;
import io.jenkins.plugins.happyhorse.client.http.SubmitReplyLostException;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import java.util.function.Consumer;

/**
 * What a run does when the submit's reply never came: it asks the host's history for a job made
 * from exactly the inputs it sent (Atlas Cloud keeps one) and adopts the one it finds. It never
 * submits again; when the host cannot be asked, or the history shows none or several, the run
 * fails saying what the user should check before rendering again.
 */
final class LostSubmit {
    private LostSubmit() {}

    /**
     * @param at the checkpoint saved before the submit
     * @param lost the lost reply, or null when a resumed checkpoint never recorded one
     * @param adopt what to do with the id of the one job found
     */
    static void resolve(
            RunControl control,
            Provider provider,
            HostSession session,
            RenderCheckpoint at,
            SubmitReplyLostException lost,
            Consumer<String> adopt) {
        String why = lost == null ? "the submit reply was never recorded" : lost.getMessage();
        if (!provider.canFindSubmissions() || at.inputDigest() == null) {
            control.fail(RenderMessages.cannotLookUp(at, why, session::redact, lost));
            return;
        }
        control.emit(RenderMessages.askingHistory(why, at.provider()));
        provider.findSubmission(session, at.model(), at.inputDigest(), at.submittedAt())
                .whenComplete((ids, error) -> control.next(() -> {
                    if (error != null) {
                        control.fail(
                                RenderMessages.historyUnreadable(at, why, session::redact, Failures.unwrap(error)));
                    } else if (ids.size() == 1) {
                        control.emit(RenderMessages.foundInHistory(at.provider(), ids.get(0)));
                        adopt.accept(ids.get(0));
                    } else if (ids.isEmpty()) {
                        control.fail(RenderMessages.notInHistory(at, why, session::redact, lost));
                    } else {
                        control.fail(RenderMessages.severalInHistory(at, ids, lost));
                    }
                }));
    }
}
