package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A lost submit reply on Model Studio: its task list carries no inputs, so a task is adopted only
 * when it is the one task of the model, created around the submit, that no other render holds;
 * the submit is never sent again.
 */
class ModelStudioLostSubmitTest extends SimulatorTestSupport {

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        // Quick jobs, so an earlier render is over well within the two minutes the list is read for.
        return builder.processingTime(Duration.ofSeconds(20));
    }

    private RenderRequest request() {
        return RenderRequest.builder()
                .provider(ProviderId.MODELSTUDIO)
                .image("https://images.example.com/horse.png")
                .prompt("A horse gallops along a beach at sunset")
                .duration(3)
                .seed(7L)
                .build();
    }

    @Test
    void theOneUnclaimedTaskOfTheModelIsAdoptedWithOneSubmission() {
        sim.faults().next(Route.MS_SUBMIT, Fault.lostSubmitReply());
        RenderResult result = await(engine.start(request(), options().build()));
        assertThat(result.output()).exists();
        assertThat(result.predictionId()).isEqualTo(sim.jobs().get(0).id());
        assertThat(sim.stats().requests(Route.MS_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.MS_TASKS)).isEqualTo(1);
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(1);
        assertThat(events).anyMatch(e -> e.message().contains("found the job"));
    }

    @Test
    void aTaskAnotherRenderOfThisEngineHoldsIsNotTakenForOurs() {
        RenderResult first = await(engine.start(
                request().toBuilder().prompt("another clip").build(),
                options().output(dir.resolve("first.mp4")).build()));
        sim.faults().next(Route.MS_SUBMIT, Fault.lostSubmitReply());
        RenderResult second = await(engine.start(request(), options().build()));
        List<SimulatedJob> jobs = sim.jobs();
        assertThat(jobs).hasSize(2);
        assertThat(second.predictionId()).isEqualTo(jobs.get(1).id()).isNotEqualTo(first.predictionId());
        assertThat(sim.stats().requests(Route.MS_SUBMIT)).isEqualTo(2);
    }

    @Test
    void aTaskOfAnotherEngineInTheSameWindowMakesTheAnswerAmbiguous() throws Exception {
        // Someone else (another process with the same key) submitted just before.
        try (RenderEngine other = engineBuilder().build()) {
            CompletableFuture<String> submitted = new CompletableFuture<>();
            RenderHandle theirs = other.start(
                    request().toBuilder().prompt("their clip").build(),
                    options()
                            .output(dir.resolve("theirs.mp4"))
                            .checkpointSink(cp -> {
                                if (cp.predictionId() != null) {
                                    submitted.complete(cp.predictionId());
                                }
                            })
                            .build());
            submitted.get(30, TimeUnit.SECONDS);
            sim.faults().next(Route.MS_SUBMIT, Fault.lostSubmitReply());
            Throwable error = failure(engine.start(request(), options().build()));
            assertThat(error)
                    .isExactlyInstanceOf(SubmissionUncertainException.class)
                    .hasMessageContaining("several jobs")
                    .hasMessageContaining(sim.jobs().get(0).id())
                    .hasMessageContaining(sim.jobs().get(1).id())
                    .hasMessageContaining(request().digest());
            theirs.cancel();
        }
        assertThat(sim.stats().requests(Route.MS_SUBMIT)).isEqualTo(2);
        assertThat(sim.stats().submissions()).isEqualTo(2);
    }

    @Test
    void aSubmitThatNeverArrivedIsReportedWithTheDigestAndNotRepeated() {
        sim.faults().next(Route.MS_SUBMIT, Fault.status(500));
        Throwable error = failure(engine.start(request(), options().build()));
        assertThat(error)
                .isExactlyInstanceOf(SubmissionUncertainException.class)
                .hasMessageContaining("most likely never arrived")
                .hasMessageContaining(request().digest());
        assertThat(sim.stats().requests(Route.MS_SUBMIT)).isEqualTo(1);
        assertThat(sim.stats().requests(Route.MS_TASKS)).isEqualTo(1);
        assertThat(sim.stats().submissions()).isZero();
    }

    @Test
    void aTaskListThatCannotBeReadLeavesTheSubmitUncertain() {
        sim.faults().next(Route.MS_SUBMIT, Fault.lostSubmitReply()).next(Route.MS_TASKS, Fault.status(503), 1000);
        Throwable error = failure(engine.start(request(), options().build()));
        assertThat(error)
                .isExactlyInstanceOf(SubmissionUncertainException.class)
                .hasMessageContaining("history could not be read");
        assertThat(sim.stats().submissions()).isEqualTo(1);
        assertThat(sim.stats().requests(Route.MS_SUBMIT)).isEqualTo(1);
    }

    @Test
    void aResumedCheckpointWithoutAnIdFindsItsTaskInANewEngine() {
        await(engine.start(request(), options().build()));
        RenderCheckpoint beforeSubmit = checkpoints.get(0);
        assertThat(beforeSubmit.predictionId()).isNull();
        try (RenderEngine after = engineBuilder().build()) {
            RenderResult result = await(after.resume(
                    beforeSubmit, options().output(dir.resolve("again.mp4")).build()));
            assertThat(result.predictionId()).isEqualTo(checkpoints.get(1).predictionId());
        }
        assertThat(sim.stats().submissions()).isEqualTo(1);
        assertThat(sim.stats().requests(Route.MS_TASKS)).isEqualTo(1);
    }
}
