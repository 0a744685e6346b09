package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.host.Hosts;
import io.jenkins.plugins.happyhorse.cli.run.NextStep;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.cli.text.ShellWords;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import io.jenkins.plugins.happyhorse.simulator.SimulatorMain;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code happyhorse simulate}: runs the simulator of the hosts on 127.0.0.1 until Ctrl-C, for
 * trying the command line or a Jenkins controller against it without a key, network or cost. It
 * prints the URLs it bound (port 0 by default, so it never needs a free port chosen beforehand)
 * and serves its counters at {@code GET /_simulator/stats} on the API port, for tests that run it
 * as a separate process.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs a local simulator of the hosts' APIs on 127.0.0.1 until Ctrl-C.",
            "It prints the base URLs to use with --base-url and the (test) key it accepts."
        })
public final class SimulateCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "The API port (every host); the media origin takes N+1. Default 0: any free ports.")
    int port;

    @Option(
            names = "--time-scale",
            paramLabel = "X",
            description = "Simulated seconds per real second (default 1; 60 turns a 2-minute render into 2 s).")
    double timeScale = 1;

    @Option(names = "--seed", paramLabel = "S", description = "Seeds processing times and ids (default 1).")
    long seed = 1;

    @Option(
            names = "--key",
            paramLabel = "K",
            description = "The test key to accept instead of the fixed default (a test value, not a real key).")
    String key;

    @Option(
            names = "--webhooks-over-http",
            description = "Also call back plain http URLs on loopback (such as 'happyhorse listen'); the hosts call"
                    + " https only.")
    boolean webhooksOverHttp;

    @Option(
            names = "--account-level",
            paramLabel = "HOST=C/M",
            description = "Limits a host's account to C jobs at once and M videos a minute, as the hosts' account"
                    + " levels do (e.g. wavespeed=3/5, or wavespeed=lowest); a submit beyond them is refused with"
                    + " 429. Once per host; default: no limit.")
    List<String> accountLevels = new ArrayList<>();

    @Option(
            names = "--webhook-real-time",
            description = "Stamps callbacks with the real time instead of the simulated time, for a receiver on the"
                    + " real clock (a Jenkins controller, 'happyhorse listen') while --time-scale is above 1.")
    boolean webhookRealTime;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    public SimulateCommand(CliContext context) {
        this.context = context;
    }

    /** The README's render command, as it runs against the built-in simulator, without {@code --provider}. */
    static final List<String> README_RENDER = List.of(
            "--image",
            "docs/examples/product.png",
            "--image",
            "docs/examples/style.jpg",
            "--prompt",
            "The product turns slowly on a marble table",
            "--duration",
            "5",
            "--aspect-ratio",
            "16:9",
            "--out",
            "clip.mp4");

    /** The README's render command against {@code host} as this simulator plays it, with the key's variable set. */
    private String tryCommand(ProviderId host, URI baseUrl, Simulator simulator) {
        List<String> words = new ArrayList<>(List.of(NextStep.program(context), "render"));
        if (host != ProviderId.WAVESPEED) {
            words.addAll(List.of("--provider", host.id()));
        }
        words.addAll(List.of("--base-url", baseUrl.toString()));
        words.addAll(README_RENDER);
        return Hosts.keyVariable(host) + "=" + ShellWords.quote(simulator.apiKey()) + " " + ShellWords.join(words);
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose);
        List<Violation> problems = new ArrayList<>();
        if (port < 0 || port > 65534) {
            problems.add(new Violation("--port", Integer.toString(port), "0 (any free port) or 1 to 65534"));
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            problems.add(new Violation("--time-scale", Double.toString(timeScale), "a number above 0"));
        }
        if (key != null && (key.isBlank() || !key.strip().equals(key))) {
            problems.add(new Violation("--key", "(not shown)", "a test key without blanks around it"));
        }
        Simulator.Builder builder = Simulator.builder()
                .timeScale(timeScale)
                .seed(seed)
                .webhooksOverHttpToLoopback(webhooksOverHttp)
                .webhookTimestampsInRealTime(webhookRealTime);
        for (String level : accountLevels) {
            try {
                SimulatorMain.applyAccountLevel(builder, level);
            } catch (IllegalArgumentException e) {
                problems.add(
                        new Violation(
                                "--account-level",
                                level,
                                "HOST=C/M or HOST=lowest, HOST one of wavespeed, atlascloud, modelstudio (e.g. wavespeed=3/5)"));
            }
        }
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        if (key != null) {
            builder.apiKey(key);
        }
        if (port != 0) {
            builder.port(port).mediaPort(port + 1);
        }
        Simulator simulator;
        try {
            simulator = builder.start();
        } catch (IOException e) {
            return reporter.failure(new CommandFailure(
                    ExitCode.UNAVAILABLE,
                    "The simulator could not listen on 127.0.0.1"
                            + (port == 0 ? "" : " ports " + port + "-" + (port + 1)) + " (" + e.getMessage() + ")."));
        }
        try (simulator;
                CtrlC.Registration registration = context.ctrlC().onPress(simulator::close)) {
            PrintStream out = context.out();
            out.println("HappyHorse simulator running on 127.0.0.1 (time scale "
                    + String.format(Locale.ROOT, "%s", timeScale) + ")");
            out.println("  WaveSpeed base URL:    " + simulator.waveSpeedBaseUrl());
            out.println("  Atlas Cloud base URL:  " + simulator.atlasCloudBaseUrl());
            out.println("  Model Studio base URL: " + simulator.modelStudioBaseUrl());
            out.println("  Media origin:          " + simulator.mediaBaseUrl());
            out.println("  Storage origin:        " + simulator.storageBaseUrl());
            out.println("  Counters (JSON):       " + simulator.statsUrl());
            out.println("  Accepted API key:      " + simulator.apiKey()
                    + (key == null ? "   (a fixed test value, not a secret)" : "   (a test value, not a secret)"));
            if (!accountLevels.isEmpty()) {
                out.println("  Account levels:        " + String.join(", ", accountLevels)
                        + "   (jobs at once/videos a minute; a submit beyond them gets 429)");
            }
            out.println("Try it, from the repository's root (the README's command, pointed here):");
            for (ProviderId host : Hosts.simulated()) {
                out.println("  "
                        + tryCommand(
                                host, Hosts.simulatorBaseUrl(simulator, host).orElseThrow(), simulator));
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            context.ctrlC().awaitPress();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.err().println("Simulator stopped.");
        return ExitCode.CANCELLED;
    }
}
