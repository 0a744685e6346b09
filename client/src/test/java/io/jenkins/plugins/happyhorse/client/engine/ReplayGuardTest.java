package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookEnvelope;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Accepted callbacks are remembered by id and by signed message, for their freshness window only. */
class ReplayGuardTest {
    private static final Instant T = Instant.parse("2026-05-01T12:00:00Z");
    private static final JobRef JOB = new JobRef(ProviderId.ATLASCLOUD, "p1");

    @Test
    void anIdOrASignedMessageSeenBeforeIsAReplay() {
        ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(300));
        WebhookEnvelope first = new WebhookEnvelope(JOB, "evt_1", T, "message-a");
        assertThat(guard.seen(first, T)).isFalse();
        assertThat(guard.record(first, T)).isTrue();
        assertThat(guard.record(first, T)).as("recorded twice").isFalse();
        assertThat(guard.seen(new WebhookEnvelope(JOB, "evt_1", T, "message-b"), T))
                .as("same id")
                .isTrue();
        assertThat(guard.seen(new WebhookEnvelope(JOB, "evt_2", T, "message-a"), T))
                .as("same message")
                .isTrue();
        assertThat(guard.seen(new WebhookEnvelope(JOB, "evt_2", T, "message-b"), T))
                .isFalse();
        // The same id from the other host is another callback.
        JobRef other = new JobRef(ProviderId.WAVESPEED, "p1");
        assertThat(guard.seen(new WebhookEnvelope(other, "evt_1", T, "message-c"), T))
                .isFalse();
    }

    @Test
    void entriesAreForgottenWhenTheirTimestampLeavesTheWindow() {
        ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(300));
        for (int i = 0; i < 1000; i++) {
            guard.record(new WebhookEnvelope(JOB, "evt_" + i, T.plusSeconds(i % 60), "m" + i), T);
        }
        assertThat(guard.size()).isEqualTo(2000);
        assertThat(guard.seen(new WebhookEnvelope(JOB, "evt_5", T, "x"), T.plusSeconds(299)))
                .isTrue();
        assertThat(guard.seen(new WebhookEnvelope(JOB, "evt_5", T, "x"), T.plusSeconds(360)))
                .isFalse();
        assertThat(guard.size()).isZero();
    }
}
