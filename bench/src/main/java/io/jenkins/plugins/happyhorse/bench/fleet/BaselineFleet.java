package io.jenkins.plugins.happyhorse.bench.fleet;

import io.jenkins.plugins.happyhorse.bench.workload.RenderSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: what the hosts' sample code does, once per render on its own platform thread.
 * Upload, submit, then loop: poll, and if the job is not done sleep a fixed interval (2 s in
 * Atlas Cloud's sample, 1 s in WaveSpeed's SDK) in the simulator's scaled time. The sleep is the
 * point of the comparison: a waiting render holds a thread.
 */
public final class BaselineFleet implements Fleet {
    /** A render that has not finished after this much simulated time gives up. */
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(3);

    private final Simulator sim;
    private final BlockingWaveSpeed host;
    private final Duration interval;
    private final long sleepNanos;
    private final Path image;
    private final Path outputDir;
    private final RenderProbe probe;
    private final String label;
    private final Thread[] threads;

    /**
     * @param interval the fixed polling interval, in simulated time
     * @param scale simulated seconds per real second (the simulator's)
     */
    public BaselineFleet(
            Simulator sim, double scale, Duration interval, Path image, Path outputDir, RenderProbe probe) {
        this("", sim, scale, interval, image, outputDir, probe);
    }

    /**
     * @param labelSuffix appended to the label, e.g. {@code " (plateau)"}
     */
    public BaselineFleet(
            String labelSuffix,
            Simulator sim,
            double scale,
            Duration interval,
            Path image,
            Path outputDir,
            RenderProbe probe) {
        this.sim = sim;
        this.host = new BlockingWaveSpeed(sim.waveSpeedBaseUrl(), sim.apiKey());
        this.interval = interval;
        this.sleepNanos = Math.round(interval.toNanos() / scale);
        this.image = image;
        this.outputDir = outputDir;
        this.probe = probe;
        this.label = "baseline " + formatSeconds(interval) + " s" + labelSuffix;
        this.threads = new Thread[probe.size()];
    }

    /** The fixed polling interval, simulated time. */
    public Duration interval() {
        return interval;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void start(int i, RenderSpec spec) {
        if (spec.provider() != ProviderId.WAVESPEED) {
            throw new IllegalArgumentException("the baseline speaks WaveSpeed's wire format only");
        }
        Thread thread = new Thread(() -> render(i, spec), "baseline-render-" + i);
        thread.setDaemon(true);
        synchronized (threads) {
            threads[i] = thread;
        }
        thread.start();
    }

    private void render(int i, RenderSpec spec) {
        try {
            String imageUrl = host.upload(image);
            String id = host.submit(imageUrl, spec, EngineFleet.PROMPT);
            probe.submitted(i, id);
            Instant giveUp = sim.simulatedNow().plus(GIVE_UP_AFTER);
            while (sim.simulatedNow().isBefore(giveUp)) {
                BlockingWaveSpeed.Poll poll = host.poll(id);
                if (poll.completed()) {
                    probe.noticed(i);
                    Path output = outputDir.resolve("baseline-" + i + ".mp4");
                    host.download(poll.output(), output);
                    Files.deleteIfExists(output);
                    probe.finished(i);
                    return;
                }
                if (poll.failed()) {
                    probe.failed(i, new IOException("the job ended " + poll.status()));
                    return;
                }
                // The thread-per-render pattern under test: sleep a fixed interval, holding the thread.
                TimeUnit.NANOSECONDS.sleep(sleepNanos);
            }
            probe.failed(i, new IOException("gave up after " + GIVE_UP_AFTER));
        } catch (InterruptedException e) {
            probe.failed(i, e);
        } catch (IOException | RuntimeException e) {
            probe.failed(i, e);
        }
    }

    @Override
    public void cancelAll() {
        Thread[] snapshot;
        synchronized (threads) {
            snapshot = threads.clone();
        }
        for (Thread t : snapshot) {
            if (t != null) {
                t.interrupt();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        for (Thread t : snapshot) {
            if (t != null) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void release() {
        synchronized (threads) {
            Arrays.fill(threads, null);
        }
    }

    @Override
    public void close() {
        // Threads end on their own; HttpURLConnection's keep-alive cache closes idle connections.
    }

    static String formatSeconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }
}
