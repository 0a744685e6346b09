package io.jenkins.plugins.happyhorse.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.reliability.support.Advice;
import io.jenkins.plugins.happyhorse.reliability.support.Baseline;
import io.jenkins.plugins.happyhorse.reliability.support.MarkdownTable;
import io.jenkins.plugins.happyhorse.reliability.support.Probe;
import io.jenkins.plugins.happyhorse.reliability.support.Resources;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.reliability.support.Secrets;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: every fault of {@link FaultCatalogue} on both hosts. Each render must end in
 * success or in exactly the expected typed failure whose message says what happened and what to
 * do, and afterwards the host accepted at most the expected jobs, charged each once, the key never
 * reached the media origin nor any text, the output folder holds the clip or nothing, and no
 * thread, descriptor or connection outlived the engine. The matrix is written to {@code
 * fault-matrix.md} in the report folder.
 */
class FaultMatrixTest {
    private static final MarkdownTable MATRIX =
            new MarkdownTable("fault", "host", "endpoint", "outcome", "jobs accepted", "message", "note");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Descriptors a case may leave for the JVM's lazily opened files (class path jars). */
    private static final int FD_TOLERANCE = 2;

    @TempDir
    static Path root;

    private static Baseline start;

    @BeforeAll
    static void warmUp() throws IOException {
        // One render per host first, so classes, jars and the shared pools are loaded before any
        // case counts threads and descriptors.
        for (ProviderId host : ProviderId.values()) {
            try (Rig rig = Rig.start(root.resolve("warm-up-" + host.id()))) {
                RenderHandle handle = rig.engine()
                        .start(rig.request(host).build(), rig.options().build());
                assertThat(Probe.await(handle)).isPresent();
                Probe.requireEvent(rig, "done");
            }
        }
        // The refusing port of the connection-refused cases is held for the whole run.
        assertThat(FaultCatalogue.closedPort()).isPositive();
        start = Baseline.take();
    }

    static Stream<FaultCase> cases() {
        return FaultCatalogue.all().stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void endsInSuccessOrOneTypedFailureAndLeavesNothingBehind(FaultCase c) throws IOException {
        Observation o = null;
        for (long seed : c.seeds) {
            o = observe(c, seed);
            if (o.accepted == null) {
                break;
            }
        }
        assertThat(o.accepted)
                .as("the simulator played the quirk for one of the seeds tried")
                .isNull();
        try {
            check(c, o);
        } catch (AssertionError failed) {
            if (c.defect != null && o.error != null && c.defectiveOutcome.isInstance(o.error)) {
                row(
                        c,
                        o,
                        "known defect " + c.defect + "; expected " + c.expected()
                                + (c.failure == null ? "" : " with a message that says what to do"));
                Assumptions.abort("known defect " + c.defect + " (see docs/reliability.md): " + failed.getMessage());
            }
            row(c, o, "FAILED: " + failed.getMessage());
            throw failed;
        }
        row(c, o, "");
    }

    private static void row(FaultCase c, Observation o, String note) {
        MATRIX.add(c.fault, c.host.displayName(), c.endpoint, o.outcome(), o.submissions, o.message(), note);
    }

    private static void check(FaultCase c, Observation o) {
        if (c.failure == null) {
            assertThat(o.error).as("the render succeeded").isNull();
            assertThat(o.result.output()).exists().isNotEmptyFile();
            assertThat(o.folder).as("output folder").containsExactly("clip.mp4");
        } else {
            assertThat(o.error).as("the failure").isExactlyInstanceOf(c.failure);
            assertThat(o.error.getMessage()).as("says what happened").contains(c.fragment);
            assertThat(Advice.given(o.error.getMessage()))
                    .as("says what to do: %s", o.error.getMessage())
                    .isTrue();
            assertThat(o.folder).as("no partial or temporary file").isEmpty();
        }
        assertThat(o.submissions).as("jobs the host accepted").isEqualTo(c.submissions);
        assertThat(o.charges).as("each job charged once").isEqualByComparingTo(o.jobCosts);
        assertThat(o.mediaAuthorizations)
                .as("Authorization headers on the media origin")
                .isZero();
        assertThat(o.leftovers)
                .as("left over after the engine and simulator closed")
                .isEmpty();
        if (o.verifyError != null) {
            throw o.verifyError;
        }
    }

    private Observation observe(FaultCase c, long seed) throws IOException {
        Path dir = root.resolve("case-" + COUNTER.incrementAndGet());
        Files.createDirectories(dir);
        Baseline before = Baseline.take();
        Observation o = new Observation();
        Rig rig = Rig.start(dir, c.settings.seed(seed));
        try {
            c.arrange.forEach(step -> step.accept(rig));
            RenderHandle handle = rig.engine()
                    .start(
                            c.request.apply(rig.request(c.host)).build(),
                            c.options.apply(rig, rig.options()).build());
            c.during.accept(rig, handle);
            try {
                o.result = handle.result().get(90, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                o.error = e.getCause();
            } catch (TimeoutException e) {
                handle.cancel();
                throw new AssertionError("the render did not end within 90 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            o.submissions = rig.sim().stats().submissions();
            o.charges = rig.sim().stats().totalCharges();
            List<SimulatedJob> jobs = rig.sim().jobs();
            o.jobCosts = jobs.stream().map(SimulatedJob::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
            o.mediaAuthorizations = rig.sim().stats().mediaAuthorizations().size();
            if (c.accept != null) {
                try {
                    c.accept.accept(rig);
                } catch (AssertionError notPlayed) {
                    o.accepted = notPlayed;
                }
            }
            try {
                c.verify.accept(rig);
            } catch (AssertionError e) {
                o.verifyError = e;
            }
            // Secrets: in no exception text, event or checkpoint.
            Secrets.assertAbsentFrom(o.error, Rig.KEY);
            Secrets.assertAbsentFromEvents(rig.events(), Rig.KEY);
            Secrets.assertAbsentFromCheckpoints(rig.checkpoints(), Rig.KEY);
            // The engine removes its temporary file before it completes the result (see also
            // PartFileRaceTest), so the folder already holds the clip or nothing.
            o.folder = rig.outputFolderContents();
        } finally {
            rig.close();
        }
        o.leftovers = before.leftovers(rig.ports(), FD_TOLERANCE);
        return o;
    }

    @AfterAll
    static void writeMatrixAndCheckTheWholeRun() {
        MATRIX.write(
                "fault-matrix.md",
                "Fault matrix",
                "Each row is one render against the simulator, on a clock shared with the engine that steps"
                        + " from timer to timer, with a fresh engine."
                        + " \"once\" faults hit one request, \"every attempt\" faults every request to that"
                        + " endpoint. Jobs accepted = submissions the simulated host accepted and charged.");
        if (start != null && Resources.procAvailable()) {
            // Across all cases, descriptors do not creep up (a per-case tolerance could hide a slow leak).
            assertThat(Resources.awaitTrue(
                            () -> Resources.openFileDescriptors() <= start.fds() + FD_TOLERANCE,
                            Resources.SETTLE_MILLIS))
                    .as("descriptors after the matrix: %d, before: %d", Resources.openFileDescriptors(), start.fds())
                    .isTrue();
        }
    }

    /** What one render did. */
    private static final class Observation {
        RenderResult result;
        Throwable error;
        long submissions;
        BigDecimal charges = BigDecimal.ZERO;
        BigDecimal jobCosts = BigDecimal.ZERO;
        int mediaAuthorizations;
        List<String> folder = List.of();
        List<String> leftovers = List.of();
        AssertionError accepted;
        AssertionError verifyError;

        String outcome() {
            if (error == null) {
                return "success";
            }
            return error instanceof RenderException ? error.getClass().getSimpleName() : "UNTYPED " + error;
        }

        String message() {
            return Optional.ofNullable(error).map(Throwable::getMessage).orElse("");
        }
    }
}
