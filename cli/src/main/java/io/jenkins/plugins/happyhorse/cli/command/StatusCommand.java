package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.CliContext;
import io.jenkins.plugins.happyhorse.cli.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.CtrlC;
import io.jenkins.plugins.happyhorse.cli.ExitCode;
import io.jenkins.plugins.happyhorse.cli.host.ApiKeys;
import io.jenkins.plugins.happyhorse.cli.host.RenderTarget;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code happyhorse status ID}: asks the host once about a job through the engine (the same call a
 * render polls with), and prints what it says. Useful to look up a job
 * after a timeout, a Ctrl-C or a lost submit reply before deciding to render again.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Asks the host once about a job and prints its state, output URL or error.",
            "Exit code 0 while it is queued or running and once it succeeded; 5 when it failed."
        })
public final class StatusCommand implements Callable<Integer> {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "The prediction id the host gave the job.")
    String id;

    @Option(
            names = "--provider",
            paramLabel = "HOST",
            description = "wavespeed (default) or atlascloud: the host the job was submitted to.")
    String provider;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "The host's API base URL, if not its documented one.")
    String baseUrl;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Give up after this long, retries included (default 2m).")
    String timeout;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    public StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose);
        List<Violation> problems = new ArrayList<>();
        ProviderId host = ProviderId.WAVESPEED;
        if (provider != null) {
            Optional<ProviderId> named = ProviderId.parse(provider);
            if (named.isPresent()) {
                host = named.get();
            } else {
                problems.add(new Violation(
                        "--provider",
                        provider,
                        "wavespeed or atlascloud",
                        provider.strip().equalsIgnoreCase(RequestOptions.SIMULATOR)
                                ? "a new simulator knows no jobs; point --base-url at a running one instead"
                                : null));
            }
        }
        if (id == null || id.isBlank()) {
            problems.add(new Violation("ID", id, "the prediction id the host returned on submission"));
        }
        URI base = HostOptions.baseUrl(baseUrl, host, problems);
        Duration wallClock = HostOptions.timeout(timeout, DEFAULT_TIMEOUT, problems);
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        try {
            ApiKey key = ApiKeys.require(context, host);
            Prediction prediction = poll(host, base, key, wallClock);
            print(host, prediction);
            PredictionStatus status = prediction.status();
            return status.isFinal() && status != PredictionStatus.SUCCEEDED ? ExitCode.JOB_FAILED : ExitCode.OK;
        } catch (ExecutionException e) {
            return reporter.failure(e.getCause());
        } catch (TimeoutException e) {
            return reporter.failure(new CommandFailure(
                    ExitCode.TIMEOUT, "The host did not answer within " + wallClock.toSeconds() + " s."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reporter.failure(new RenderCancelledException("The status request was interrupted."));
        } catch (CommandFailure | IllegalArgumentException e) {
            return reporter.failure(e);
        }
    }

    private Prediction poll(ProviderId host, URI base, ApiKey key, Duration wallClock)
            throws ExecutionException, TimeoutException, InterruptedException {
        try (RenderTarget target = RenderTarget.host(context, host, base, key, PriceList.defaults())) {
            CompletableFuture<Prediction> status =
                    target.engine().status(new JobRef(host, id), key, target.engineDeadline(wallClock));
            try (CtrlC.Registration registration = context.ctrlC().onPress(() -> status.cancel(true))) {
                return status.get(wallClock.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (CancellationException e) {
                throw new ExecutionException(new RenderCancelledException(
                        "The status request was cancelled; the job itself is not affected."));
            }
        }
    }

    private void print(ProviderId host, Prediction p) {
        String word = p.hostStatus() == null ? "" : " (" + host.displayName() + " says \"" + p.hostStatus() + "\")";
        context.out()
                .println("Prediction " + p.id() + " on " + host.displayName() + ": "
                        + p.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + word);
        for (URI output : p.outputs()) {
            context.out().println("Output: " + output);
        }
        if (p.error() != null || p.errorCode() != null) {
            context.out()
                    .println("Host error: " + (p.error() == null ? "" : p.error())
                            + (p.errorCode() == null ? "" : " (code " + p.errorCode() + ")"));
        }
    }
}
