package io.jenkins.plugins.happyhorse.cli.command;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.cli.webhook.CallbackRelay;
import io.jenkins.plugins.happyhorse.cli.webhook.Listeners;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code happyhorse listen}: the one port where the hosts' completion callbacks arrive, on
 * 127.0.0.1 until Ctrl-C, for renders started with {@code --webhook-url} on this machine. A tunnel
 * or reverse proxy gives it the public https URL the hosts call; each callback is handed to the
 * renders of the state folder that listen now, whose engines verify it.
 */
@Command(
        name = "listen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Receives the hosts' completion callbacks on 127.0.0.1 until Ctrl-C, and hands each one to the"
                    + " renders of the state folder started with --webhook-url.",
            "The hosts call a public https URL: point a tunnel or reverse proxy at the address printed,"
                    + " and give its public URL to 'render --webhook-url'."
        })
public final class ListenCommand implements Callable<Integer> {
    /** The path served. */
    public static final String PATH = "/happyhorse-webhook";

    private final CliContext context;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "The port on 127.0.0.1 (default 8093; 0: any free port, printed).")
    int port = 8093;

    @Mixin
    StateOptions state;

    @Option(names = "--verbose", description = "One line per request on stderr, and stack traces on errors.")
    boolean verbose;

    public ListenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose);
        CliConfig config = CliConfig.load(context.env(), context.workingDirectory());
        List<Violation> problems = new ArrayList<>();
        if (port < 0 || port > 65535) {
            problems.add(new Violation("--port", Integer.toString(port), "0 (any free port) or 1 to 65535"));
        }
        Optional<StateLocation> where = state.location(context, config, false, problems);
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        PrintStream err = context.err();
        CallbackRelay relay =
                new CallbackRelay(new Listeners(where.orElseThrow().path()), PATH, Duration.ofSeconds(10), line -> {
                    if (verbose) {
                        err.println(line);
                    }
                });
        HttpServer server;
        try {
            server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 64);
        } catch (IOException e) {
            return reporter.failure(new CommandFailure(
                    ExitCode.UNAVAILABLE,
                    "Cannot listen on 127.0.0.1 port " + port + " (" + e.getMessage()
                            + "); choose another with --port."));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "happyhorse-listen");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", relay);
        server.setExecutor(threads);
        server.start();
        try (CtrlC.Registration registration = context.ctrlC().onPress(() -> server.stop(0))) {
            PrintStream out = context.out();
            out.println("Listening for the hosts' callbacks at http://127.0.0.1:"
                    + server.getAddress().getPort() + PATH);
            out.println("  for the renders recorded in " + where.orElseThrow().path()
                    + " that were started with --webhook-url");
            out.println("The hosts call public https URLs only: point a tunnel or reverse proxy at this address and"
                    + " pass its public URL to 'render --webhook-url'.");
            out.println("Press Ctrl-C to stop.");
            out.flush();
            context.ctrlC().awaitPress();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
        context.err().println("Stopped listening.");
        return ExitCode.CANCELLED;
    }
}
