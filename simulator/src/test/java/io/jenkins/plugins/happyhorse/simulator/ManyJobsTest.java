package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManyJobsTest {
    private static final int JOBS = 10_000;
    private static final int WORKERS = 16;
    /** The simulator's request threads (32 by default), its timer and its two servers' dispatchers. */
    private static final int SIMULATOR_THREADS = 32 + 1 + 2;

    @Test
    void tenThousandJobsAreCreatedAndPolledQuicklyWithoutAThreadEach() throws Exception {
        String key = "bulk-key";
        TestClient client = new TestClient(key);
        try (Simulator sim =
                Simulator.builder().apiKey(key).timeScale(1000).seed(5).start()) {
            URI ws = URI.create(sim.waveSpeedBaseUrl() + "/api/v3/alibaba/happyhorse-1.0/reference-to-video");
            URI atlas = URI.create(sim.atlasCloudBaseUrl() + "/model/generateVideo");
            Map<String, Object> wsBody = TestClient.submission("https://x.invalid/a.png");
            Map<String, Object> atlasBody = new java.util.HashMap<>(wsBody);
            atlasBody.put("model", "alibaba/happyhorse-1.0/reference-to-video");
            Set<String> ids = ConcurrentHashMap.newKeySet();
            AtomicInteger next = new AtomicInteger();
            Set<Thread> threadsBefore = threads();

            long start = System.nanoTime();
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            try {
                List<Future<Object>> done = workers.invokeAll(java.util.Collections.nCopies(WORKERS, () -> {
                    for (int i = next.getAndIncrement(); i < JOBS; i = next.getAndIncrement()) {
                        boolean even = i % 2 == 0;
                        HttpResponse<byte[]> reply = client.postJson(even ? ws : atlas, even ? wsBody : atlasBody);
                        if (reply.statusCode() != 200) {
                            throw new AssertionError("submission " + i + " answered " + reply.statusCode());
                        }
                        ids.add(TestClient.json(reply).path("data").path("id").asText());
                    }
                    return null;
                }));
                for (Future<Object> f : done) {
                    f.get();
                }
                long createMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // A figure, not a check: how fast depends on the machine (see bench/ for timings).
                System.out.printf("Created %d jobs in %d ms%n", JOBS, createMillis);

                assertThat(ids).hasSize(JOBS);
                assertThat(sim.stats().submissions()).isEqualTo(JOBS);
                assertThat(sim.jobs()).hasSize(JOBS);
                // Neither the test's own workers nor its HTTP client's pool (which grows with the
                // concurrency, more so on a busy machine) are the simulator's: what is left is.
                Set<Thread> added = threads();
                added.removeAll(threadsBefore);
                added.removeIf(
                        t -> t.getName().startsWith("pool-") || t.getName().startsWith("HttpClient-"));
                assertThat(added)
                        .as(
                                "jobs hold no threads: beside the simulator's fixed pools (%d), only the few the"
                                        + " JVM adds by itself",
                                SIMULATOR_THREADS)
                        .hasSizeLessThan(100);

                Set<String> statuses = new HashSet<>();
                for (String id : ids.stream().limit(200).toList()) {
                    SimulatedJob job = sim.job(id).orElseThrow();
                    URI poll = job.host() == Host.WAVESPEED
                            ? URI.create(sim.waveSpeedBaseUrl() + "/api/v3/predictions/" + id + "/result")
                            : URI.create(sim.atlasCloudBaseUrl() + "/model/prediction/" + id);
                    statuses.add(Integer.toString(client.get(poll).statusCode()));
                }
                assertThat(statuses).containsOnly("200");
            } finally {
                workers.shutdownNow();
            }
        }
    }

    private static Set<Thread> threads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }
}
