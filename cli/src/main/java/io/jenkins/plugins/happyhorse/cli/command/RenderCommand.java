package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.host.ApiKeys;
import io.jenkins.plugins.happyhorse.cli.host.RenderTarget;
import io.jenkins.plugins.happyhorse.cli.json.JsonDocument;
import io.jenkins.plugins.happyhorse.cli.progress.Progress;
import io.jenkins.plugins.happyhorse.cli.run.JobRun;
import io.jenkins.plugins.happyhorse.cli.run.NextStep;
import io.jenkins.plugins.happyhorse.cli.run.Outcome;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.cli.state.RecordKeeper;
import io.jenkins.plugins.happyhorse.cli.state.ReuseFolder;
import io.jenkins.plugins.happyhorse.cli.state.Source;
import io.jenkins.plugins.happyhorse.cli.state.StateFolder;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.cli.webhook.RenderReceiver;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.Preflight;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.reuse.FileRenderStore;
import io.jenkins.plugins.happyhorse.client.reuse.ReusePolicy;
import io.jenkins.plugins.happyhorse.client.reuse.ReuseSettings;
import io.jenkins.plugins.happyhorse.client.reuse.StoredRender;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code happyhorse render}: reads the options, checks the clip with the engine ({@code
 * preflight}: the host's image limits, the output, the cost; no call), then renders exactly what
 * was checked on a host or the built-in simulator, recording it in the state folder before the
 * submit is sent, and follows it to the verified MP4 or to the exact command that collects it.
 */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Renders a clip from reference images and a prompt, and saves it once verified.",
            "The key comes from the host's variable (WAVESPEED_API_KEY, ATLASCLOUD_API_KEY, DASHSCOPE_API_KEY);"
                    + " --provider simulator needs none. Every render is recorded in the state folder"
                    + " (see 'happyhorse history'). With --webhook-url the host calls back when the job ends"
                    + " (see 'happyhorse listen')."
        })
public final class RenderCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    RequestOptions request;

    @Mixin
    RenderOnlyOptions options;

    @Mixin
    StateOptions state;

    @Mixin
    JsonOption json;

    @Option(names = "--verbose", description = "Every progress event, and stack traces on errors.")
    boolean verbose;

    public RenderCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose).naming(v -> request.named(v));
        JsonDocument doc = json.json ? JsonDocument.of("render") : null;
        int code;
        try {
            code = render(reporter, doc);
        } catch (CommandFailure | IllegalArgumentException | IllegalStateException e) {
            code = reporter.failure(e);
        }
        if (doc != null) {
            context.out().println(doc.end(code, code == ExitCode.OK ? null : reporter.last()));
        }
        return code;
    }

    private int render(Reporter reporter, JsonDocument doc) {
        CliConfig config = CliConfig.load(context.env(), context.workingDirectory());
        ParsedRequest parsed = request.parse(context, true, config);
        List<Violation> problems = new ArrayList<>(parsed.problems());
        BigDecimal limit = options.maxCost(problems);
        Duration timeout = options.timeout(problems);
        URI webhook = options.webhook(parsed.simulated(), problems);
        ReusePolicy reuse = options.reuse(problems);
        URI base = options.baseUrl(parsed.host(), parsed.simulated(), config, problems);
        Optional<Path> output = options.dryRun ? Optional.empty() : options.output(context, problems);
        Optional<StateLocation> where = state.location(context, config, !options.dryRun, problems);
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        if (options.dryRun) {
            return dryRun(parsed, base, limit, reporter, doc);
        }
        ApiKey key = parsed.simulated() ? null : ApiKeys.forRender(context, parsed.host(), base);
        StateFolder folder = new StateFolder(where.orElseThrow().path());
        try (RenderTarget target = parsed.simulated()
                        ? RenderTarget.simulator(parsed.host(), PriceList.defaults())
                        : RenderTarget.host(context, parsed.host(), base, key, PriceList.defaults());
                RecordKeeper keeper = RecordKeeper.forNew(
                        folder, context.clock(), Source.RENDER, output.orElseThrow(), target.simulated())) {
            JobRun run = new JobRun(
                    context, target, Progress.create(context.err(), context.terminal(), context::columns, verbose));
            RenderOptions renderOptions = RenderOptions.builder()
                    .apiKey(target.key())
                    .output(output.orElseThrow())
                    .maxCost(limit)
                    .deadline(target.engineDeadline(timeout))
                    .listener(run.listener())
                    .checkpointStore(keeper)
                    .webhook(webhook)
                    .reuse(reuseSettings(folder, target, parsed, reuse, keeper))
                    .build();
            // The engine checks and prices the clip once; render(check) renders exactly that.
            Preflight check = target.engine().preflight(parsed.spec(), renderOptions);
            if (check.refusal().isPresent()) {
                return reporter.failure(check.refusal().get());
            }
            if (doc != null) {
                estimate(doc, check.estimate(), target.simulated());
            }
            try (RenderReceiver receiver = webhook == null
                    ? null
                    : RenderReceiver.open(target.engine().webhooks(), folder.root(), reporter::verdict)) {
                RenderHandle handle = target.engine().render(check);
                Outcome outcome = run.await(handle, timeout);
                if (outcome.succeeded() && outcome.result().reused()) {
                    recordReuse(keeper, parsed, target, outcome.result(), reporter);
                }
                return new Endings(context, target, reporter, NextStep.of(context, where.orElseThrow()))
                        .finish(outcome, keeper, options.out, doc);
            }
        }
    }

    /** Nothing was submitted, so the engine saved no checkpoint: the record is written from the paid job's. */
    private static void recordReuse(
            RecordKeeper keeper, ParsedRequest parsed, RenderTarget target, RenderResult r, Reporter reporter) {
        ClipSpec spec = parsed.spec();
        StoredRender from = r.reusedFrom();
        try {
            keeper.reused(new RenderCheckpoint(
                    spec.provider(),
                    target.engine().endpoint(spec.provider()),
                    spec.model(),
                    spec.digest(),
                    null,
                    from.predictionId(),
                    r.timings().completedAt(),
                    spec.resolution(),
                    spec.aspectRatio(),
                    spec.durationSeconds(),
                    spec.seedOrNull(),
                    from.usd()));
        } catch (IOException | RuntimeException e) {
            reporter.warn("the render's record could not be written to the state folder (" + e.getMessage() + ").");
        }
    }

    /**
     * The local render store of this host: a render reuses from it as {@code policy} says, and a
     * paid clip is kept there with a copy of its own, since the --out file may be replaced or deleted.
     */
    private ReuseSettings reuseSettings(
            StateFolder folder, RenderTarget target, ParsedRequest parsed, ReusePolicy policy, RecordKeeper keeper) {
        Path dir = ReuseFolder.of(folder, parsed.host(), target.engine().endpoint(parsed.host()), target.simulated());
        try {
            folder.create();
            return ReuseSettings.of(FileRenderStore.open(dir), policy)
                    .producer(keeper.id())
                    .keepCopy(true);
        } catch (IOException | UncheckedIOException e) {
            throw new CommandFailure(
                    ExitCode.ERROR,
                    "The render store " + dir + " cannot be opened (" + e.getMessage()
                            + "); nothing was sent. Fix the state folder, or render with --reuse never.");
        }
    }

    private int dryRun(ParsedRequest parsed, URI base, BigDecimal limit, Reporter reporter, JsonDocument doc) {
        try (RenderTarget target = RenderTarget.host(context, parsed.host(), base, null, PriceList.defaults())) {
            RenderOptions dry = RenderOptions.builder()
                    .dryRun(true)
                    .maxCost(limit)
                    .deadline(Duration.ofMinutes(1))
                    .build();
            Preflight check = target.engine().preflight(parsed.spec(), dry);
            if (check.refusal().isPresent()) {
                return reporter.failure(check.refusal().get());
            }
            RenderResult result;
            try {
                result = target.engine().render(check).result().join();
            } catch (CompletionException e) {
                return reporter.failure(e);
            }
            CostEstimate estimate = check.estimate();
            if (doc != null) {
                estimate(doc, estimate, parsed.simulated());
                doc.root().put("dryRun", true);
                doc.root().putNull("render");
            } else {
                context.out()
                        .println("Dry run: the request is valid and would cost "
                                + estimate.usd().toPlainString()
                                + " USD (" + estimate.formula() + ") on "
                                + result.provider().displayName()
                                + "; nothing was sent.");
            }
            return ExitCode.OK;
        }
    }

    private static void estimate(JsonDocument doc, CostEstimate estimate, boolean simulated) {
        doc.root().put("dryRun", false);
        var e = doc.root().putObject("estimate");
        e.put("usd", estimate.usd().toPlainString());
        e.put("formula", estimate.formula());
        e.put("billed", !simulated);
    }
}
