package io.jenkins.plugins.happyhorse.reliability.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.engine.PollingPolicy;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.media.VerificationPolicy;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.reliability.support.Baseline;
import io.jenkins.plugins.happyhorse.reliability.support.Images;
import io.jenkins.plugins.happyhorse.reliability.support.MarkdownTable;
import io.jenkins.plugins.happyhorse.reliability.support.Probe;
import io.jenkins.plugins.happyhorse.reliability.support.Resources;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.reliability.support.Secrets;
import io.jenkins.plugins.happyhorse.simulator.Host;
import io.jenkins.plugins.happyhorse.simulator.SimulatedJob;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of renders through one engine against one simulator of the three hosts, in concurrent
 * batches, with a seeded 10 % of all requests hit by a random fault and 10 % of the jobs ending
 * badly. Every render must end (in a clip or in a typed failure), no render may be submitted
 * twice, each job is charged once, the key reaches neither the media origin nor any text, and
 * once the engine and the simulator are closed the process has exactly the threads and file
 * descriptors it had before. The figures go to {@code soak.md} in the report folder.
 *
 * <p>{@code -Dhh.soak.renders=N} changes the number of renders (500 by default).
 */
class SoakTest {
    /**
     * The engine and the simulator share a stepped clock; a short timer waits 300 times less than
     * its delay in real time, so a 96 s job takes about 0.3 s of polls.
     */
    private static final double PACE = 300;

    private static final int BATCH = 50;
    private static final double REQUEST_FAULT_RATE = 0.10;
    private static final double JOB_FAULT_RATE = 0.10;
    private static final long SEED = 20_260_101L;
    /** Every render's deadline, engine time: a normal render takes under 6 minutes of it. */
    private static final Duration DEADLINE = Duration.ofMinutes(15);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyRenderEndsOnceWithNothingLeftBehind() throws IOException {
        int renders = Integer.getInteger("hh.soak.renders", 500);
        warmUp();
        Baseline before = Baseline.take();
        int threadsBefore = before.threads().size();
        long started = System.nanoTime();

        SteppedScheduler scheduler = new SteppedScheduler(Rig.START, PACE);
        Simulator sim = Simulator.builder()
                .apiKey(Rig.KEY)
                .clock(scheduler.clock())
                .seed(SEED)
                .pictureScale(8)
                .maxHold(Duration.ofSeconds(5))
                .start();
        sim.faults()
                .random(
                        Route.ANY,
                        REQUEST_FAULT_RATE,
                        Fault.status(429),
                        Fault.status(429).retryAfter(Duration.ofSeconds(3)),
                        Fault.status(500),
                        Fault.status(502),
                        Fault.status(503),
                        Fault.status(504),
                        Fault.reset(),
                        Fault.noReply(),
                        Fault.delay(Duration.ofMillis(300)),
                        Fault.lostSubmitReply(),
                        Fault.malformedJson(),
                        Fault.truncatedBody(),
                        Fault.corruptBody())
                .randomJobs(
                        JOB_FAULT_RATE,
                        Outcome.FAIL,
                        Outcome.TIMEOUT,
                        Outcome.CANCEL,
                        Outcome.MODERATION,
                        Outcome.IP_INFRINGEMENT,
                        Outcome.WRONG_DURATION,
                        Outcome.UNKNOWN_STATUS,
                        Outcome.EXPIRED_OUTPUT);
        RenderEngine engine = RenderEngine.builder()
                .endpoint(ProviderId.WAVESPEED, sim.waveSpeedBaseUrl())
                .endpoint(ProviderId.ATLASCLOUD, sim.atlasCloudBaseUrl())
                .endpoint(ProviderId.MODELSTUDIO, sim.modelStudioBaseUrl())
                .scheduler(scheduler)
                .responseTimeout(Duration.ofMillis(800))
                .retryPolicy(RetryPolicy.builder().random(new Random(SEED)).build())
                .pollingPolicy(PollingPolicy.defaults())
                .build();

        ConcurrentLinkedQueue<RenderEvent> events = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<RenderCheckpoint> checkpoints = new ConcurrentLinkedQueue<>();
        List<Ending> endings = new ArrayList<>();
        int peakThreads = 0;
        long peakEngineThreads = 0;
        Path picture = Images.reference(dir.resolve("horse.png"), Color.ORANGE);
        Path out = Files.createDirectories(dir.resolve("out"));
        Random pick = new Random(SEED);
        try {
            for (int first = 0; first < renders; first += BATCH) {
                List<RenderHandle> batch = new ArrayList<>();
                for (int i = first; i < Math.min(renders, first + BATCH); i++) {
                    ProviderId host = ProviderId.values()[pick.nextInt(ProviderId.values().length)];
                    RenderRequest.Builder request = RenderRequest.builder()
                            .provider(host)
                            // A prompt per render, so the host's jobs can be traced back to renders.
                            .prompt(prompt(i))
                            .duration(3 + pick.nextInt(3))
                            .aspectRatio(pick.nextBoolean() ? "16:9" : "9:16")
                            .seed((long) i);
                    request.image(pick.nextInt(4) == 0 ? Probe.REMOTE_IMAGE : picture.toString());
                    batch.add(engine.start(
                            request.build(),
                            RenderOptions.builder()
                                    .apiKey(ApiKey.of(Rig.KEY))
                                    .output(out.resolve("render-" + i + ".mp4"))
                                    // Reached by a render's own timers only: a task Model Studio holds
                                    // (SUSPENDED) is waited for until then, the others end far sooner.
                                    .deadline(DEADLINE)
                                    .listener(events::add)
                                    .checkpointSink(checkpoints::add)
                                    .verificationPolicy(VerificationPolicy.aspectRatioOnly())
                                    .build()));
                }
                peakThreads = Math.max(peakThreads, Resources.threadNames().size());
                peakEngineThreads = Math.max(peakEngineThreads, engineThreads());
                for (int k = 0; k < batch.size(); k++) {
                    endings.add(end(first + k, batch.get(k)));
                }
                peakThreads = Math.max(peakThreads, Resources.threadNames().size());
            }
        } finally {
            engine.close();
            sim.close();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<String> leftovers = before.leftovers(
                List.of(
                        sim.waveSpeedBaseUrl().getPort(),
                        sim.mediaBaseUrl().getPort(),
                        sim.storageBaseUrl().getPort()),
                0);
        int threadsAfter = Resources.threadNames().size();
        int fdsAfter = Resources.openFileDescriptors();

        // Submissions against renders: every job traces back to one render, none to two.
        List<SimulatedJob> jobs = sim.jobs();
        Map<String, Long> jobsPerRender =
                jobs.stream().collect(Collectors.groupingBy(j -> j.parameters().prompt(), Collectors.counting()));
        long submissions = sim.stats().submissions();
        BigDecimal charges = sim.stats().totalCharges();
        BigDecimal jobCosts = jobs.stream().map(SimulatedJob::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        long successes = endings.stream().filter(e -> e.error == null).count();
        Map<String, Long> failures = endings.stream()
                .filter(e -> e.error != null)
                .collect(Collectors.groupingBy(
                        e -> e.error.getClass().getSimpleName(), TreeMap::new, Collectors.counting()));

        MarkdownTable summary = new MarkdownTable("figure", "value");
        summary.add("renders", renders);
        summary.add("hosts", "WaveSpeed, Atlas Cloud and Model Studio, picked at random per render");
        summary.add("concurrency", BATCH + " renders at a time, one engine");
        summary.add(
                "faults",
                "10 % of all requests (429 with and without Retry-After, 500, 502, 503, 504, reset,"
                        + " no reply, 300 ms delay, lost reply, malformed JSON, truncated and corrupt bodies); 10 % of"
                        + " jobs fail, time out, are cancelled or refused, run long on an unknown status (Model"
                        + " Studio: SUSPENDED, waited for until the 15-minute deadline), or give a wrong or expired"
                        + " clip");
        summary.add("requests served", sim.stats().requests(Route.ANY));
        summary.add(
                "faults played",
                Stream.of(Fault.Kind.values())
                        .mapToLong(k -> sim.stats().faults(k))
                        .sum());
        summary.add("successes", successes);
        failures.forEach((type, n) -> summary.add("failures: " + type, n));
        summary.add("submissions (jobs accepted by the hosts)", submissions);
        summary.add("distinct renders submitted", jobsPerRender.size());
        summary.add(
                "submissions per host (WaveSpeed / Atlas Cloud / Model Studio)",
                sim.stats().submissions(Host.WAVESPEED) + " / " + sim.stats().submissions(Host.ATLASCLOUD) + " / "
                        + sim.stats().submissions(Host.MODELSTUDIO));
        summary.add(
                "renders submitted more than once",
                jobsPerRender.values().stream().filter(n -> n > 1).count());
        summary.add("Model Studio files through temporary storage", sim.stats().storageUploads());
        summary.add(
                "Authorization headers on the media / storage origin",
                sim.stats().mediaAuthorizations().size() + " / "
                        + sim.stats().storageAuthorizations().size());
        summary.add(
                "Model Studio queries refused for its 20/s limit", sim.stats().throttledRequests());
        summary.add("charges (USD)", charges.toPlainString());
        summary.add("duration (wall clock)", String.format("%.1f s", took.toMillis() / 1000.0));
        summary.add("clock", "stepped, shared by engine and simulator; short timers paced x" + (int) PACE);
        summary.add("threads before / peak / after", threadsBefore + " / " + peakThreads + " / " + threadsAfter);
        summary.add("engine threads at peak (HTTP I/O, pool evictor, shared scheduler)", peakEngineThreads);
        summary.add("file descriptors before / after", before.fds() + " / " + fdsAfter);
        summary.write(
                "soak.md",
                "Soak",
                "The thread counts are of all live threads. The after-check compares thread names and allows"
                        + " only threads the JVM starts lazily and keeps (attach listener, common pool, cleaner) and the engine's"
                        + " process-wide scheduler (at most 2 threads), all of which a warm-up render creates before"
                        + " the baseline is taken. File descriptors are compared exactly.");
        System.out.println(summary.render());

        assertThat(endings).hasSize(renders).allSatisfy(e -> assertThat(e.error == null || e.typed())
                .as("render %d ended in %s", e.index, e.error)
                .isTrue());
        assertThat(jobsPerRender.values()).as("jobs per render").allMatch(n -> n == 1);
        assertThat(submissions).as("submissions == distinct submitted renders").isEqualTo(jobsPerRender.size());
        assertThat(charges).as("each job charged once").isEqualByComparingTo(jobCosts);
        assertThat(sim.stats().submissions(Host.MODELSTUDIO))
                .as("Model Studio submissions")
                .isPositive();
        assertThat(sim.stats().storageUploads())
                .as("files through Model Studio's storage")
                .isPositive();
        // The engine keeps every render's task queries within the account's 20 per second.
        assertThat(sim.stats().throttledRequests())
                .as("queries refused for the rate")
                .isZero();
        assertThat(successes).as("most renders get past the faults").isGreaterThan(renders / 2);
        // Waiting renders hold no thread: the engine's threads do not grow with the batch.
        assertThat(peakEngineThreads).as("engine threads at peak").isLessThanOrEqualTo(8);
        Secrets.assertNoAuthorizationReachedMedia(sim);
        Secrets.assertAbsentFromEvents(events, Rig.KEY);
        Secrets.assertAbsentFromCheckpoints(checkpoints, Rig.KEY);
        endings.forEach(e -> Secrets.assertAbsentFrom(e.error, Rig.KEY));
        assertThat(leftovers)
                .as("left over once the engine and the simulator are closed")
                .isEmpty();
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).as("no partial or temporary file").allMatch(n -> n.matches("render-\\d+\\.mp4"));
            assertThat(names).hasSize((int) successes);
        }
    }

    /** One render through a rig first, so lazily created threads and loaded jars are in the baseline. */
    private void warmUp() throws IOException {
        try (Rig rig = Rig.start(dir.resolve("warm-up"))) {
            for (ProviderId host : ProviderId.values()) {
                assertThat(Probe.await(rig.engine()
                                .start(rig.request(host).build(), rig.options().build())))
                        .isPresent();
                Files.deleteIfExists(rig.output());
            }
        }
    }

    /** The engine's own threads: its HTTP client's and the shared scheduler's. */
    private static long engineThreads() {
        return Resources.threadNames().stream()
                .filter(n -> n.startsWith("httpclient-")
                        || n.startsWith("idle-connection-evictor")
                        || n.startsWith("happyhorse-stepped-"))
                .count();
    }

    private static String prompt(int i) {
        return "Soak render " + i + ": a horse gallops along a beach at sunset";
    }

    private static Ending end(int index, RenderHandle handle) {
        try {
            handle.result().get(2, TimeUnit.MINUTES);
            return new Ending(index, null);
        } catch (ExecutionException e) {
            return new Ending(index, e.getCause());
        } catch (TimeoutException e) {
            handle.cancel();
            throw new AssertionError("render " + index + " did not end within 2 minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private record Ending(int index, Throwable error) {
        /** A failure of a specific type, not the engine's catch-all for unexpected errors. */
        boolean typed() {
            return error instanceof RenderException && error.getClass() != RenderException.class;
        }
    }
}
