package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The submit is sent at most once; a lost reply is resolved by asking, never by resubmitting. */
class SubmissionTest extends SimulatorTestSupport {

    @Test
    void aLostAtlasSubmitReplyIsResolvedFromTheHistoryWithOneSubmission() throws IOException {
        sim.faults().next(Route.AC_SUBMIT, Fault.lostSubmitReply());
        RenderResult result = await(
                engine.start(request(ProviderId.ATLASCLOUD).build(), options().build()));
        assertThat(result.output()).exists();
        assertThat(sim.stats().requests(Route.AC_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.ATLASCLOUD)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.AC_HISTORY)).isEqualTo(1);
        assertThat(result.predictionId()).isEqualTo(sim.jobs().get(0).id());
        assertThat(events).anyMatch(e -> e.message().contains("history"));
    }

    @Test
    void theHistoryPicksOurJobAmongOthers() throws IOException {
        // Another job with a different prompt and one of ours: only ours must match.
        await(engine.start(
                request(ProviderId.ATLASCLOUD).prompt("another clip").build(),
                options().output(dir.resolve("other.mp4")).build()));
        sim.faults().next(Route.AC_SUBMIT, Fault.lostSubmitReply());
        RenderResult result = await(
                engine.start(request(ProviderId.ATLASCLOUD).build(), options().build()));
        assertThat(result.predictionId()).isEqualTo(sim.jobs().get(1).id());
        assertThat(sim.stats().submissions(Host.ATLASCLOUD)).isEqualTo(2);
    }

    @Test
    void aLostWaveSpeedSubmitReplyFailsNamingTheDigestWithOneSubmission() throws IOException {
        RenderRequest request = request(ProviderId.WAVESPEED).build();
        sim.faults().next(Route.WS_SUBMIT, Fault.lostSubmitReply());
        Throwable error = failure(engine.start(request, options().build()));
        assertThat(error)
                .isInstanceOf(SubmissionUncertainException.class)
                .hasMessageContaining(request.digest())
                .hasMessageContaining("never submits twice");
        assertThat(((SubmissionUncertainException) error).requestDigest()).isEqualTo(request.digest());
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.WAVESPEED)).isEqualTo(1);
        assertKeyAbsentFrom(error);
    }

    @Test
    void aSubmitWithoutReplyInTimeIsUncertainNotRepeated() throws IOException {
        sim.faults().next(Route.WS_SUBMIT, Fault.noReply());
        try (RenderEngine quick =
                engineBuilder().responseTimeout(Duration.ofMillis(300)).build()) {
            Throwable error = failure(
                    quick.start(request(ProviderId.WAVESPEED).build(), options().build()));
            assertThat(error).isInstanceOf(SubmissionUncertainException.class);
        }
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
    }

    @Test
    void anAtlasSubmitAnswered500IsCheckedInTheHistoryAndNotRepeated() throws IOException {
        sim.faults().next(Route.AC_SUBMIT, Fault.status(500));
        Throwable error = failure(
                engine.start(request(ProviderId.ATLASCLOUD).build(), options().build()));
        assertThat(error).isInstanceOf(SubmissionUncertainException.class).hasMessageContaining("shows no job");
        assertThat(sim.stats().requests(Route.AC_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.AC_HISTORY)).isEqualTo(1);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aResetSubmitOnAtlasIsResolvedWhenTheHistoryCannotBeRead() throws IOException {
        sim.faults().next(Route.AC_SUBMIT, Fault.lostSubmitReply()).next(Route.AC_HISTORY, Fault.status(401));
        Throwable error = failure(
                engine.start(request(ProviderId.ATLASCLOUD).build(), options().build()));
        assertThat(error)
                .isInstanceOf(SubmissionUncertainException.class)
                .hasMessageContaining("history could not be read");
        assertThat(sim.stats().submissions()).isEqualTo(1);
        assertThat(sim.stats().requests(Route.AC_SUBMIT)).isEqualTo(1);
    }

    @Test
    void theCheckpointIsSavedBeforeTheSubmitIsSent() throws IOException {
        java.util.List<Long> submitsSeenBySink = new java.util.ArrayList<>();
        await(engine.start(
                request(ProviderId.WAVESPEED).build(),
                options()
                        .checkpointSink(cp -> {
                            checkpoints.add(cp);
                            submitsSeenBySink.add(sim.stats().requests(Route.WS_SUBMIT));
                        })
                        .build()));
        assertThat(checkpoints).hasSize(2);
        assertThat(checkpoints.get(0).predictionId()).isNull();
        assertThat(submitsSeenBySink).containsExactly(0L, 1L);
    }

    @Test
    void aFailingCheckpointSinkStopsTheRenderBeforeTheSubmit() throws IOException {
        Throwable error = failure(engine.start(
                request(ProviderId.WAVESPEED).build(),
                options()
                        .checkpointSink(cp -> {
                            throw new IllegalStateException("disk full");
                        })
                        .build()));
        assertThat(error).hasMessageContaining("nothing was submitted");
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isZero();
    }

    @Test
    void theSubmitWaitsForAnAsynchronousCheckpointSave() throws Exception {
        java.util.concurrent.CompletableFuture<Void> durable = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> firstSaveAsked = new java.util.concurrent.CompletableFuture<>();
        RenderHandle handle = engine.start(
                request(ProviderId.WAVESPEED).build(),
                options()
                        .checkpointStore(cp -> {
                            checkpoints.add(cp);
                            if (cp.predictionId() == null) {
                                firstSaveAsked.complete(null);
                                return durable;
                            }
                            return java.util.concurrent.CompletableFuture.completedFuture(null);
                        })
                        .build());
        firstSaveAsked.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(handle.phase()).isEqualTo(RenderPhase.SUBMITTING);
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isZero();

        durable.complete(null);
        await(handle);
        assertThat(sim.stats().requests(Route.WS_SUBMIT)).isEqualTo(1);
        assertThat(checkpoints).hasSize(2);
    }

    @Test
    void aFailedAsynchronousCheckpointSaveStopsTheRenderBeforeTheSubmit() throws IOException {
        Throwable error = failure(engine.start(
                request(ProviderId.ATLASCLOUD).build(),
                options()
                        .checkpointStore(cp -> java.util.concurrent.CompletableFuture.failedFuture(
                                new java.io.IOException("disk full")))
                        .build()));
        assertThat(error).hasMessageContaining("nothing was submitted");
        assertThat(sim.stats().submissions()).isZero();
    }
}
