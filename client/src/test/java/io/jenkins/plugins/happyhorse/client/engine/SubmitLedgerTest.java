package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.provider.SubmissionLookup;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a lost submit reply is judged from the jobs a host lists and the submits this engine sent. */
class SubmitLedgerTest {
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    private static final SubmitLedger.Account ACCOUNT =
            new SubmitLedger.Account(ProviderId.MODELSTUDIO, "https://dashscope-intl.aliyuncs.com/api/v1", "k1");
    private static final SubmissionLookup BY_TIME = SubmissionLookup.BY_MODEL_AND_TIME;

    private final SteppedScheduler clock = new SteppedScheduler(T0, 1000);
    private final SubmitLedger ledger = new SubmitLedger(clock);

    private static RenderCheckpoint submit(String digest, String model, String input, Instant at) {
        return new RenderCheckpoint(
                ProviderId.MODELSTUDIO,
                URI.create(ACCOUNT.baseUrl()),
                model,
                digest,
                input,
                null,
                at,
                Resolution.P720,
                AspectRatio.R16_9,
                5,
                null,
                null);
    }

    private SubmitLedger.Entry lost(String digest, Instant at) {
        SubmitLedger.Entry e = ledger.sent(ACCOUNT, submit(digest, "happyhorse-1.0-r2v", "in-" + digest, at));
        return ledger.lost(e, null, null);
    }

    @Test
    void theOneCandidateIsAdoptedAndThenClaimed() {
        SubmitLedger.Entry self = lost("a", T0);
        assertThat(ledger.decide(self, List.of("task-1"), BY_TIME))
                .isEqualTo(new SubmitLedger.Decision.Adopt("task-1"));
        assertThat(ledger.knownId(self)).contains("task-1");
    }

    @Test
    void aCandidateAnotherRenderHoldsIsNotOurs() {
        SubmitLedger.Entry other = ledger.sent(ACCOUNT, submit("b", "happyhorse-1.0-r2v", "in-b", T0));
        ledger.claimed(other, "task-b");
        SubmitLedger.Entry self = lost("a", T0.plusSeconds(1));
        assertThat(ledger.decide(self, List.of("task-b"), BY_TIME)).isEqualTo(new SubmitLedger.Decision.None());
        assertThat(ledger.decide(self, List.of("task-a", "task-b"), BY_TIME))
                .isEqualTo(new SubmitLedger.Decision.Adopt("task-a"));
    }

    @Test
    void severalUnclaimedCandidatesAreNamed() {
        SubmitLedger.Entry self = lost("a", T0);
        assertThat(ledger.decide(self, List.of("task-2", "task-1"), BY_TIME))
                .isEqualTo(new SubmitLedger.Decision.Several(List.of("task-2", "task-1")));
        assertThat(ledger.knownId(self)).isEmpty();
    }

    @Test
    void aSubmitStillInFlightThatCouldHaveMadeTheTaskIsWaitedFor() {
        ledger.sent(ACCOUNT, submit("b", "happyhorse-1.0-r2v", "in-b", T0));
        SubmitLedger.Entry self = lost("a", T0.plusSeconds(2));
        assertThat(ledger.decide(self, List.of("task-x"), BY_TIME)).isEqualTo(new SubmitLedger.Decision.Wait(1));
    }

    @Test
    void anotherLostSubmitMakesTheOneCandidateAmbiguous() {
        lost("b", T0);
        SubmitLedger.Entry self = lost("a", T0.plusSeconds(1));
        assertThat(ledger.decide(self, List.of("task-x"), BY_TIME))
                .isEqualTo(new SubmitLedger.Decision.Ambiguous("task-x", 1));
    }

    @Test
    void submitsThatCouldNotHaveMadeTheTaskAreNoRivals() {
        // Another account, another model, or long before: none of them could have made task-x.
        SubmitLedger.Account otherKey = new SubmitLedger.Account(ACCOUNT.host(), ACCOUNT.baseUrl(), "k2");
        ledger.sent(otherKey, submit("b", "happyhorse-1.0-r2v", "in-b", T0));
        ledger.sent(ACCOUNT, submit("c", "happyhorse-1.1-r2v", "in-c", T0));
        ledger.sent(ACCOUNT, submit("d", "happyhorse-1.0-r2v", "in-d", T0.minus(Duration.ofMinutes(6))));
        SubmitLedger.Entry self = lost("a", T0);
        assertThat(ledger.decide(self, List.of("task-x"), BY_TIME))
                .isEqualTo(new SubmitLedger.Decision.Adopt("task-x"));
    }

    @Test
    void onAHostThatListsInputsOnlyAnIdenticalSubmitIsARival() {
        ledger.sent(ACCOUNT, submit("b", "happyhorse-1.0-r2v", "in-b", T0));
        SubmitLedger.Entry self = lost("a", T0);
        assertThat(ledger.decide(self, List.of("task-x"), SubmissionLookup.BY_INPUT))
                .isEqualTo(new SubmitLedger.Decision.Adopt("task-x"));
        SubmitLedger.Entry twin = ledger.sent(ACCOUNT, submit("e", "happyhorse-1.0-r2v", "in-f", T0));
        SubmitLedger.Entry self2 = lost("f", T0);
        assertThat(twin.inputDigest).isEqualTo(self2.inputDigest);
        assertThat(ledger.decide(self2, List.of("task-y"), SubmissionLookup.BY_INPUT))
                .isEqualTo(new SubmitLedger.Decision.Wait(1));
    }

    @Test
    void aResumedCheckpointFindsItsOwnSubmitAndItsId() {
        RenderCheckpoint at = submit("a", "happyhorse-1.0-r2v", "in-a", T0);
        SubmitLedger.Entry sent = ledger.sent(ACCOUNT, at);
        ledger.claimed(sent, "task-a");
        SubmitLedger.Entry resumed = ledger.lost(null, ACCOUNT, at);
        assertThat(resumed).isSameAs(sent);
        assertThat(ledger.knownId(resumed)).contains("task-a");
    }

    @Test
    void oldSubmitsAreForgotten() {
        ledger.sent(ACCOUNT, submit("a", "happyhorse-1.0-r2v", "in-a", T0));
        clock.advance(SubmitLedger.KEPT.plusMinutes(1));
        ledger.sent(ACCOUNT, submit("b", "happyhorse-1.0-r2v", "in-b", clock.now()));
        assertThat(ledger.size()).isEqualTo(1);
    }
}
