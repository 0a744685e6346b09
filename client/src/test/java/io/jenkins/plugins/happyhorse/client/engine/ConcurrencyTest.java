package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends SimulatorTestSupport {
    private static final long PADDED = 1024 * 1024;

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder.processingTime(Duration.ofSeconds(150)).padOutputsTo(PADDED);
    }

    /**
     * Threads the JVM starts and stops by itself as it sees fit (more JIT compiler threads on a
     * busy machine, say), and the simulator's: none of them is the engine's.
     */
    private static final Pattern NOT_THE_ENGINES = Pattern.compile("happyhorse-sim-.*|HTTP-Dispatcher"
            + "|C[12] CompilerThread\\d+|Sweeper thread|Attach Listener|Common-Cleaner|Signal Dispatcher"
            + "|Notification Thread|Reference Handler|Finalizer|JFR .*|ForkJoinPool\\.commonPool-worker-\\d+");

    private static long engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !NOT_THE_ENGINES.matcher(t.getName()).matches())
                .count();
    }

    @Test
    void manyWaitingRendersHoldNoThreads() throws Exception {
        RenderRequest request = RenderRequest.builder()
                .image("https://images.example.com/a.png")
                .prompt("a horse")
                .duration(3)
                .provider(ProviderId.WAVESPEED)
                .build();
        // One render first, so that every pool and lazily started thread exists.
        await(engine.start(request, options().output(dir.resolve("warm.mp4")).build()));
        long before = engineThreads();

        int renders = 200;
        AtomicInteger waiting = new AtomicInteger();
        CountDownLatch allWaiting = new CountDownLatch(1);
        List<RenderHandle> handles = new ArrayList<>();
        for (int i = 0; i < renders; i++) {
            handles.add(engine.start(
                    request.toBuilder().seed((long) i).build(),
                    options()
                            .output(dir.resolve("c" + i + ".mp4"))
                            .deadline(Duration.ofDays(1))
                            .listener(e -> {
                                if (e.message().startsWith("submitted") && waiting.incrementAndGet() == renders) {
                                    allWaiting.countDown();
                                }
                            })
                            .build()));
        }
        assertThat(allWaiting.await(60, TimeUnit.SECONDS)).isTrue();
        long during = engineThreads();
        assertThat(during - before).isLessThanOrEqualTo(4);
        for (RenderHandle h : handles) {
            RenderResult r = await(h);
            assertThat(r.byteSize()).isEqualTo(PADDED);
            Files.delete(r.output());
        }
        assertThat(sim.stats().submissions()).isEqualTo(renders + 1);
    }

    @Test
    void aClipOverTheSizeLimitIsRefusedWhileStreaming() throws IOException {
        Throwable error = failure(engine.start(
                request(ProviderId.ATLASCLOUD).build(),
                options().maxDownloadBytes(512 * 1024).build()));
        assertThat(error).isInstanceOf(OutputVerificationException.class).hasMessageContaining("limit");
        assertThat(output()).doesNotExist();
        assertNoTemporaryFilesLeft();
    }
}
