package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.host.ApiKeys;
import io.jenkins.plugins.happyhorse.cli.host.RenderTarget;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.state.StateFolder;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code happyhorse download ID --out F}: fetches and verifies the clip of a job that was already
 * submitted (and paid for), waiting for it first if it still runs. Nothing is ever submitted.
 */
@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fetches and verifies the clip of a job that was already submitted (and paid for); submits nothing.",
            "With a prediction id the state folder knows, the host and the clip's expected shape come from its"
                    + " record; otherwise give --provider (and --base-url for a simulator)."
        })
public final class DownloadCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "The prediction id (or a render's id from history).")
    String id;

    @Mixin
    CollectOptions collect;

    @Mixin
    JobOptions job;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Give up after this long, waiting for the job included (default 30m).")
    String timeout;

    @Mixin
    StateOptions state;

    @Option(names = "--verbose", description = "Every progress event, and stack traces on errors.")
    boolean verbose;

    public DownloadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose);
        try {
            return download(reporter);
        } catch (CommandFailure | IllegalArgumentException | IllegalStateException e) {
            return reporter.failure(e);
        }
    }

    private int download(Reporter reporter) {
        CliConfig config = CliConfig.load(context.env(), context.workingDirectory());
        List<Violation> problems = new ArrayList<>();
        Optional<StateLocation> where = state.location(context, config, true, problems);
        Duration wallClock = HostOptions.timeout(timeout, RenderOnlyOptions.DEFAULT_TIMEOUT, problems);
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        StateFolder folder = new StateFolder(where.orElseThrow().path());
        Optional<JobLookup> lookup = JobLookup.of(id, folder, job, config, problems);
        String typedOut = lookup.map(l -> defaultOut(l, collect.out, id)).orElse(collect.out);
        Optional<Path> out =
                lookup.isPresent() ? Outputs.check(context, typedOut, collect.force, problems) : Optional.empty();
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        JobLookup found = lookup.orElseThrow();
        ApiKey key = ApiKeys.forJob(context, found.host(), found.baseUrl(), "download", found.known());
        try (RenderTarget target =
                RenderTarget.host(context, found.host(), found.baseUrl(), key, PriceList.defaults())) {
            return new Collector(context, where.orElseThrow(), reporter, verbose)
                    .download(target, found, id, out.orElseThrow(), typedOut, collect.anyShape, wallClock, null);
        }
    }

    /**
     * The output: as typed, else the render's own when the state folder knows it, else {@code
     * ID.mp4} in the current folder.
     */
    static String defaultOut(JobLookup lookup, String typed, String id) {
        if (typed != null) {
            return typed;
        }
        if (lookup.known()) {
            return lookup.record().output().toString();
        }
        return id.strip().replaceAll("[^A-Za-z0-9._-]", "_") + ".mp4";
    }
}
