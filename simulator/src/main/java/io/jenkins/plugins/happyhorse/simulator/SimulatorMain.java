package io.jenkins.plugins.happyhorse.simulator;

import io.jenkins.plugins.happyhorse.simulator.job.AccountLevel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulator on its own until interrupted:
 * {@code java -cp ... io.jenkins.plugins.happyhorse.simulator.SimulatorMain [--port N]
 * [--time-scale X] [--key K] [--seed S] [--account-level HOST=C/M]…}. With {@code --port N} the API listens on N, the media
 * origin on N+1 and Model Studio's storage origin on N+2; otherwise all take ephemeral ports. It
 * prints every host's base URL, the other origins, the URL of its counters ({@code GET
 * /_simulator/stats}) and the (test) key it accepts. {@code --account-level wavespeed=3/5} (or
 * {@code wavespeed=lowest}) limits a host's account to 3 concurrent jobs and 5 videos a minute;
 * it may be given once per host.
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
            System.err.println("usage: SimulatorMain [--port N] [--time-scale X] [--key K] [--seed S]"
                    + " [--account-level HOST=C/M]...");
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
        out.println("  WaveSpeed base URL:    " + simulator.waveSpeedBaseUrl());
        out.println("  Atlas Cloud base URL:  " + simulator.atlasCloudBaseUrl());
        out.println("  Model Studio base URL: " + simulator.modelStudioBaseUrl());
        out.println("  Media origin:          " + simulator.mediaBaseUrl());
        out.println("  Storage origin:        " + simulator.storageBaseUrl());
        out.println("  Counters (JSON):       " + simulator.statsUrl());
        out.println("  Accepted API key:      " + simulator.apiKey());
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
                            builder.mediaPort(port + 1).storagePort(port + 2);
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
                    case "--account-level":
                        applyAccountLevel(builder, value);
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

    /**
     * Gives {@code builder} the account level {@code HOST=C/M} (or {@code HOST=lowest}) names, as
     * {@code --account-level} does here and in the command line's {@code simulate}.
     *
     * @throws IllegalArgumentException naming the option, the value and what is allowed
     */
    public static void applyAccountLevel(Simulator.Builder builder, String value) {
        int eq = value.indexOf('=');
        Host host = eq < 0 ? null : Host.parse(value.substring(0, eq)).orElse(null);
        if (host == null) {
            throw new IllegalArgumentException("--account-level: '" + value + "' is not allowed; allowed: HOST=C/M"
                    + " with HOST wavespeed, atlascloud or modelstudio (e.g. wavespeed=3/5)");
        }
        try {
            builder.accountLevel(host, AccountLevel.parse(value.substring(eq + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--account-level: " + e.getMessage(), e);
        }
    }
}
