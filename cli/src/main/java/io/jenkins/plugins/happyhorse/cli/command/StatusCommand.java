package io.jenkins.plugins.happyhorse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.host.ApiKeys;
import io.jenkins.plugins.happyhorse.cli.host.RenderTarget;
import io.jenkins.plugins.happyhorse.cli.json.JsonDocument;
import io.jenkins.plugins.happyhorse.cli.run.NextStep;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.cli.state.StateFolder;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.job.Prediction;
import io.jenkins.plugins.happyhorse.client.job.PredictionStatus;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.URI;
import java.nio.file.Path;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code happyhorse status ID}: asks the host once about a job through the engine (the same call a
 * render polls with) and prints what it says; with {@code --download}, then collects the clip as
 * {@code download} does. It works for any prediction id: the state folder's record gives the host
 * when it knows the id, {@code --provider} (and {@code --base-url}) otherwise.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Asks the host once about a job and prints its state, output URL or error; --download then collects"
                    + " the clip (submitting nothing).",
            "Exit code 0 while it is queued or running and once it succeeded; 5 when it failed."
        })
public final class StatusCommand implements Callable<Integer> {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "The prediction id the host gave the job.")
    String id;

    @Mixin
    JobOptions job;

    @Option(
            names = "--download",
            description = "Then fetch and verify the clip (waiting for the job if it still runs), as 'download' does.")
    boolean download;

    @Mixin
    CollectOptions collect;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Give up after this long, retries included (default 2m; 30m with --download).")
    String timeout;

    @Mixin
    StateOptions state;

    @Mixin
    JsonOption json;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    public StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose);
        JsonDocument doc = json.json ? JsonDocument.of("status") : null;
        int code;
        try {
            code = status(reporter, doc);
        } catch (CommandFailure | IllegalArgumentException | IllegalStateException e) {
            code = reporter.failure(e);
        }
        if (doc != null) {
            context.out().println(doc.end(code, code == ExitCode.OK ? null : reporter.last()));
        }
        return code;
    }

    private int status(Reporter reporter, JsonDocument doc) {
        CliConfig config = CliConfig.load(context.env(), context.workingDirectory());
        List<Violation> problems = new ArrayList<>();
        Optional<StateLocation> where = state.location(context, config, download, problems);
        Duration wallClock =
                HostOptions.timeout(timeout, download ? RenderOnlyOptions.DEFAULT_TIMEOUT : DEFAULT_TIMEOUT, problems);
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        StateFolder folder = new StateFolder(where.orElseThrow().path());
        Optional<JobLookup> lookup = JobLookup.of(id, folder, job, config, problems);
        String typedOut =
                lookup.map(l -> DownloadCommand.defaultOut(l, collect.out, id)).orElse(null);
        Optional<Path> out = download && lookup.isPresent()
                ? Outputs.check(context, typedOut, collect.force, problems)
                : Optional.empty();
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        JobLookup found = lookup.orElseThrow();
        if (found.known() && found.record().predictionId() == null) {
            throw new CommandFailure(
                    ExitCode.USAGE,
                    "Render " + found.record().id() + " has no prediction id: its submit reply never arrived. Run '"
                            + NextStep.program(context) + " resume "
                            + found.record().id() + "' to look it up without submitting again.");
        }
        String predictionId = found.known() ? found.record().predictionId() : id.strip();
        ApiKey key = ApiKeys.forJob(context, found.host(), found.baseUrl(), "status", found.known());
        try (RenderTarget target =
                RenderTarget.host(context, found.host(), found.baseUrl(), key, PriceList.defaults())) {
            Prediction prediction;
            try {
                prediction = poll(target, found, predictionId, key, wallClock);
            } catch (ExecutionException e) {
                return reporter.failure(e.getCause());
            } catch (TimeoutException e) {
                return reporter.failure(new CommandFailure(
                        ExitCode.TIMEOUT, "The host did not answer within " + Durations.format(wallClock) + "."));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reporter.failure(new RenderCancelledException("The status request was interrupted."));
            }
            print(found, prediction, doc);
            PredictionStatus status = prediction.status();
            if (status.isFinal() && status != PredictionStatus.SUCCEEDED) {
                return ExitCode.JOB_FAILED;
            }
            if (!download) {
                return ExitCode.OK;
            }
            return new Collector(context, where.orElseThrow(), reporter, verbose)
                    .download(
                            target, found, predictionId, out.orElseThrow(), typedOut, collect.anyShape, wallClock, doc);
        }
    }

    private Prediction poll(RenderTarget target, JobLookup found, String predictionId, ApiKey key, Duration wallClock)
            throws ExecutionException, TimeoutException, InterruptedException {
        Duration deadline = target.engineDeadline(wallClock);
        CompletableFuture<Prediction> status = found.known()
                ? target.engine().status(found.record().checkpoint(), key, deadline)
                : target.engine().status(new JobRef(found.host(), predictionId), key, deadline);
        try (CtrlC.Registration registration = context.ctrlC().onPress(() -> status.cancel(true))) {
            return status.get(wallClock.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            throw new ExecutionException(
                    new RenderCancelledException("The status request was cancelled; the job itself is not affected."));
        }
    }

    private void print(JobLookup found, Prediction p, JsonDocument doc) {
        String host = found.host().displayName();
        String state = p.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (doc != null) {
            ObjectNode s = doc.root().putObject("status");
            s.put("host", found.host().id());
            s.put("predictionId", p.id());
            s.put("state", state.replace(' ', '-'));
            s.put("hostStatus", p.hostStatus());
            ArrayNode outputs = s.putArray("outputs");
            p.outputs().forEach(u -> outputs.add(u.toString()));
            s.put("error", p.error());
            s.put("errorCode", p.errorCode());
            doc.root().set("render", found.known() ? found.record().toJson() : null);
            return;
        }
        String word = p.hostStatus() == null ? "" : " (" + host + " says \"" + p.hostStatus() + "\")";
        context.out().println("Prediction " + p.id() + " on " + host + ": " + state + word);
        for (URI output : p.outputs()) {
            context.out().println("Output: " + output);
        }
        if (p.error() != null || p.errorCode() != null) {
            context.out()
                    .println("Host error: " + (p.error() == null ? "" : p.error())
                            + (p.errorCode() == null ? "" : " (code " + p.errorCode() + ")"));
        }
        if (found.known()) {
            context.out()
                    .println("Recorded: render " + found.record().id() + ", "
                            + found.record().state() + ", output "
                            + Violation.shorten(found.record().output().toString()));
        }
    }
}
