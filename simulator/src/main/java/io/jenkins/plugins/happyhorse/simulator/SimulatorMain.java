package io.jenkins.plugins.happyhorse.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulator on its own until interrupted:
 * {@code java -cp ... io.jenkins.plugins.happyhorse.simulator.SimulatorMain [--port N]
 * [--time-scale X] [--key K] [--seed S]}. With {@code --port N} the API listens on N and the
 * media origin on N+1; otherwise both take ephemeral ports. It prints both hosts' base URLs,
 * the media origin, the URL of its counters ({@code GET /_simulator/stats}) and the (test) key it
 * accepts.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Simulator.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: SimulatorMain [--port N] [--time-scale X] [--key K] [--seed S]");
            System.exit(2);
            return;
        }
        Simulator simulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            stopped.countDown();
                        },
                        "happyhorse-sim-shutdown"));
        out.println("HappyHorse simulator running (time scale " + simulator.timeScale() + ")");
        out.println("  WaveSpeed base URL:   " + simulator.waveSpeedBaseUrl());
        out.println("  Atlas Cloud base URL: " + simulator.atlasCloudBaseUrl());
        out.println("  Media origin:         " + simulator.mediaBaseUrl());
        out.println("  Counters (JSON):      " + simulator.statsUrl());
        out.println("  Accepted API key:     " + simulator.apiKey());
        out.println("Press Ctrl+C to stop.");
        stopped.await();
    }

    /** Reads the command line into a builder; throws with a message naming the bad option. */
    static Simulator.Builder parse(String[] args) {
        Simulator.Builder builder = Simulator.builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + ": a value is missing");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--port":
                        int port = Integer.parseInt(value);
                        builder.port(port);
                        if (port != 0) {
                            builder.mediaPort(port + 1);
                        }
                        break;
                    case "--time-scale":
                        builder.timeScale(Double.parseDouble(value));
                        break;
                    case "--key":
                        builder.apiKey(value);
                        break;
                    case "--seed":
                        builder.seed(Long.parseLong(value));
                        break;
                    default:
                        throw new IllegalArgumentException(option + ": unknown option");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + value + "' is not a number", e);
            }
        }
        return builder;
    }
}
