package io.jenkins.plugins.happyhorse.cli;

import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A simulator and the command line on one stepped clock: time stands still while they work and
 * jumps from timer to timer, so minutes of host time pass in milliseconds and a slow machine never
 * shows on either side's clock. Tests that act "while the job waits" {@link SteppedScheduler#hold()}
 * the clock: the render then parks on its next poll until {@link SteppedScheduler#release()}.
 */
final class SteppedSimulator implements AutoCloseable {
    static final String KEY = "sk-cli-test-5e4d3c2b1a";
    /** Engine seconds per real second of a timer's wait. */
    static final double PACE = 1000;

    final SteppedScheduler clock = new SteppedScheduler(Instant.parse("2026-03-01T10:00:00Z"), PACE);
    final Simulator sim;
    final CliHarness cli;

    SteppedSimulator(Path dir) throws IOException {
        this(dir, b -> b);
    }

    SteppedSimulator(Path dir, UnaryOperator<Simulator.Builder> configure) throws IOException {
        sim = configure
                .apply(Simulator.builder()
                        .apiKey(KEY)
                        .clock(clock.clock())
                        // Callbacks (asked for with --webhook-url) are sent on the same clock.
                        .webhookTimer(new SteppedCallbacks(clock))
                        .seed(7))
                .start();
        cli = new CliHarness(dir)
                .withExampleImages()
                .env("WAVESPEED_API_KEY", KEY)
                .env("ATLASCLOUD_API_KEY", KEY)
                .env("DASHSCOPE_API_KEY", KEY)
                .scheduler(clock);
    }

    String waveSpeed() {
        return sim.waveSpeedBaseUrl().toString();
    }

    String atlasCloud() {
        return sim.atlasCloudBaseUrl().toString();
    }

    String modelStudio() {
        return sim.modelStudioBaseUrl().toString();
    }

    @Override
    public void close() {
        clock.release();
        sim.close();
    }
}
