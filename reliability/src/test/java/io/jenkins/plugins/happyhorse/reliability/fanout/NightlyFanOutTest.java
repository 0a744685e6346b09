package io.jenkins.plugins.happyhorse.reliability.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.admission.AdmissionPolicy;
import io.jenkins.plugins.happyhorse.client.admission.ThrottleBackoff;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spend.FileSpendLedger;
import io.jenkins.plugins.happyhorse.client.spend.SpendLabels;
import io.jenkins.plugins.happyhorse.reliability.support.MarkdownTable;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import io.jenkins.plugins.happyhorse.simulator.job.AccountLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job's fan-out: 50 clips started at once, through one engine, against a simulated
 * WaveSpeed account at the lowest level (3 concurrent jobs, 5 videos a minute). The engine's
 * admission gate (up to 3) and its handling of 429 on the submit must fit the fan-out to the
 * account: every render succeeds, exactly 50 submissions are accepted (refused ones cost nothing),
 * the host never runs more than 3 jobs or takes more than 5 in a minute, and the spend ledger
 * equals the host's charges to the cent. The simulated wall time is reported against the ideal
 * of 10 minutes (50 clips at 5 a minute); the figures go to {@code fanout.md}.
 */
class NightlyFanOutTest {
    private static final int CLIPS = 50;
    /** Short enough that the 5 a minute, not the 3 at once, bounds the fan-out: 3 slots × 2 jobs a minute. */
    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void fiftyClipsFitTheLowestWaveSpeedLevelWithFiftyAcceptedSubmissions() throws IOException {
        Rig.Settings settings = new Rig.Settings()
                .simulator(b -> b.accountLevel(Host.WAVESPEED, AccountLevel.WAVESPEED_LOWEST)
                        .processingTime(PROCESSING))
                .engine(b -> b.admission(ProviderId.WAVESPEED, AdmissionPolicy.upTo(3))
                        .throttleBackoff(ThrottleBackoff.seeded(42)));
        try (Rig rig = Rig.start(dir, settings)) {
            FileSpendLedger ledger =
                    FileSpendLedger.open(dir.resolve("spend"), rig.scheduler().clock());
            Instant start = rig.scheduler().now();
            RenderRequest.Builder clips = rig.request(ProviderId.WAVESPEED);
            List<RenderHandle> handles = new ArrayList<>();
            for (int i = 0; i < CLIPS; i++) {
                handles.add(rig.engine()
                        .start(
                                clips.prompt("product " + i + " turns on a plinth")
                                        .build(),
                                rig.options()
                                        .output(rig.outputDir().resolve("clip-" + i + ".mp4"))
                                        .spend(ledger, SpendLabels.of("nightly-clips", "1"))
                                        .build()));
            }
            List<RenderResult> results = new ArrayList<>();
            for (RenderHandle h : handles) {
                results.add(await(h));
            }
            Instant end = results.stream()
                    .map(r -> r.timings().completedAt())
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            Duration wall = Duration.between(start, end);
            List<SimulatedJob> jobs = rig.sim().jobs();
            long refused = rig.sim().stats().refusedSubmits(Host.WAVESPEED);
            long busyEvents = rig.events().stream()
                    .map(RenderEvent::message)
                    .filter(m -> m.startsWith("WaveSpeed is busy (429)"))
                    .count();

            MarkdownTable table = new MarkdownTable("figure", "value");
            table.add("clips", CLIPS);
            table.add("account level", "WaveSpeed lowest: 3 concurrent jobs, 5 videos a minute");
            table.add("job processing time (simulated)", PROCESSING.toSeconds() + " s");
            table.add("engine admission", "adaptive, up to 3 per account; 429 on the submit waited out");
            table.add("accepted submissions", rig.sim().stats().submissions(Host.WAVESPEED));
            table.add("refused submits (429, nothing charged)", refused);
            table.add("most jobs at once at the host", mostAtOnce(jobs));
            table.add("most submits accepted in a minute", mostInAMinute(jobs));
            table.add("simulated wall time", minutes(wall));
            table.add("ideal (50 clips at 5 a minute)", minutes(Duration.ofMinutes(10)));
            table.add("wall time / ideal", String.format(Locale.ROOT, "%.2f", wall.toMillis() / 600_000.0));
            table.add(
                    "charged (host) / recorded (ledger), USD",
                    rig.sim().stats().charges(Host.WAVESPEED).toPlainString() + " / "
                            + ledger.report().total().toPlainString());
            table.write(
                    "fanout.md",
                    "Nightly fan-out against WaveSpeed's lowest level",
                    "50 renders started at once through one engine; simulated time on the stepped clock the"
                            + " engine and the simulator share.");
            System.out.println(table.render());

            assertThat(results).hasSize(CLIPS).allMatch(r -> r.output().toFile().isFile());
            assertThat(rig.sim().stats().submissions()).isEqualTo(CLIPS);
            assertThat(jobs).hasSize(CLIPS);
            assertThat(rig.sim().stats().requests(Route.WS_SUBMIT)).isEqualTo(CLIPS + refused);
            assertThat(busyEvents).isEqualTo(refused);
            assertThat(mostAtOnce(jobs)).isLessThanOrEqualTo(3);
            assertThat(mostInAMinute(jobs)).isLessThanOrEqualTo(5);
            assertThat(wall).isGreaterThanOrEqualTo(Duration.ofMinutes(9));
            assertThat(ledger.report().total())
                    .isEqualByComparingTo(rig.sim().stats().totalCharges());
            assertThat(rig.engine().admissionGates()).allMatch(g -> g.inUse() == 0 && g.waiting() == 0);
        }
    }

    private static RenderResult await(RenderHandle handle) {
        try {
            return handle.result().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError("a render failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("a render did not finish in time", e);
        }
    }

    /** The most jobs the host had unfinished at one instant. */
    private static int mostAtOnce(List<SimulatedJob> jobs) {
        int most = 0;
        for (SimulatedJob job : jobs) {
            Instant at = job.createdAtSimulated();
            int running = (int) jobs.stream()
                    .filter(o -> !o.createdAtSimulated().isAfter(at)
                            && o.completesAtSimulated().isAfter(at))
                    .count();
            most = Math.max(most, running);
        }
        return most;
    }

    /** The most submits the host accepted within any 60 s. */
    private static int mostInAMinute(List<SimulatedJob> jobs) {
        int most = 0;
        for (SimulatedJob job : jobs) {
            Instant from = job.createdAtSimulated();
            int inMinute = (int) jobs.stream()
                    .filter(o -> !o.createdAtSimulated().isBefore(from)
                            && o.createdAtSimulated().isBefore(from.plusSeconds(60)))
                    .count();
            most = Math.max(most, inMinute);
        }
        return most;
    }

    private static String minutes(Duration d) {
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
