package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.CliContext;
import io.jenkins.plugins.happyhorse.cli.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.CtrlC;
import io.jenkins.plugins.happyhorse.cli.ExitCode;
import io.jenkins.plugins.happyhorse.cli.host.ApiKeys;
import io.jenkins.plugins.happyhorse.cli.host.RenderTarget;
import io.jenkins.plugins.happyhorse.cli.progress.Progress;
import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.cli.text.Sizes;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.pricing.CostEstimate;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code happyhorse render}: validates the request, checks its cost, then renders it on a host
 * (or on the built-in simulator) and waits, showing progress, until the verified MP4 is in place.
 */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Renders a clip from reference images and a prompt, and saves it once verified.",
            "The key comes from WAVESPEED_API_KEY or ATLASCLOUD_API_KEY; --provider simulator needs none."
        })
public final class RenderCommand implements Callable<Integer> {
    /** The default overall timeout. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    /** Beyond the timeout, how long the command still waits for the engine to give up by itself. */
    private static final Duration GRACE = Duration.ofMinutes(1);

    private static final Object FINISHED = new Object();

    private final CliContext context;

    /** Events from the engine's threads and the end of the render, for the command's own thread. */
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

    @Mixin
    RequestOptions request;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save the clip (default happyhorse.mp4).")
    String out = "happyhorse.mp4";

    @Option(
            names = "--max-cost",
            paramLabel = "USD",
            description = "Refuse, before any call, a render estimated above this many US dollars.")
    String maxCost;

    @Option(names = "--dry-run", description = "Validate and estimate only; nothing is sent.")
    boolean dryRun;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Give up waiting after this long, e.g. 90s, 30m, 2h (default 30m). The job may still"
                    + " finish on the host.")
    String timeout;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "The host's API base URL, instead of its documented one (e.g. a simulator started with"
                    + " 'happyhorse simulate').")
    String baseUrl;

    @Option(names = "--verbose", description = "Every progress event, and stack traces on errors.")
    boolean verbose;

    public RenderCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        long startNanos = System.nanoTime();
        Reporter reporter = new Reporter(context.err(), verbose);
        try {
            return render(reporter, startNanos);
        } catch (CommandFailure | IllegalArgumentException | IllegalStateException e) {
            return reporter.failure(e);
        }
    }

    private int render(Reporter reporter, long startNanos) {
        ParsedRequest parsed = request.parse(context, true);
        List<Violation> problems = new ArrayList<>(parsed.problems());
        BigDecimal limit = cost(problems);
        Duration wallClockTimeout = HostOptions.timeout(timeout, DEFAULT_TIMEOUT, problems);
        URI base = HostOptions.baseUrl(baseUrl, parsed.host(), problems);
        if (baseUrl != null && parsed.simulated()) {
            problems.add(new Violation(
                    "--base-url",
                    baseUrl,
                    "only with --provider wavespeed or atlascloud",
                    "--provider simulator starts its own simulator"));
        }
        Path output = output(problems);
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }

        PriceList prices = PriceList.defaults();
        CostEstimate estimate = prices.estimate(parsed.spec());
        if (limit != null && estimate.usd().compareTo(limit) > 0) {
            return reporter.failure(new CostLimitExceededException(estimate.usd(), limit, estimate.formula()));
        }

        RenderTarget target;
        if (dryRun) {
            target = RenderTarget.host(context, parsed.host(), base, null, prices);
        } else if (parsed.simulated()) {
            target = RenderTarget.simulator(parsed.host(), prices);
        } else {
            ApiKey key = ApiKeys.require(context, parsed.host());
            target = RenderTarget.host(context, parsed.host(), base, key, prices);
        }
        try (target) {
            if (!dryRun) {
                createParent(output);
            }
            RenderOptions options = RenderOptions.builder()
                    .apiKey(target.key())
                    .output(dryRun ? null : output)
                    .maxCost(limit)
                    .deadline(target.engineDeadline(wallClockTimeout))
                    .dryRun(dryRun)
                    .listener(inbox::add)
                    .build();
            RenderHandle handle = target.engine().render(parsed.spec(), options);
            handle.result().whenComplete((result, error) -> inbox.add(FINISHED));
            Progress progress = Progress.create(context.err(), context.terminal(), columns(), verbose);
            try (CtrlC.Registration registration = context.ctrlC().onPress(handle::cancel)) {
                if (!waitFor(handle, progress, startNanos, wallClockTimeout)) {
                    handle.cancel();
                    return reporter.failure(new DeadlineExceededException("The render did not finish within "
                            + Durations.format(wallClockTimeout) + "; the job may still finish on the host."));
                }
            } finally {
                progress.finish();
            }
            RenderResult result;
            try {
                result = handle.result().join();
            } catch (CompletionException e) {
                return reporter.failure(e);
            }
            context.out().println(summary(result, estimate, target.simulated()));
            return ExitCode.OK;
        }
    }

    /**
     * Shows progress until the render is over. Returns false only if the engine has not finished a
     * minute after the timeout (it enforces the deadline itself; this bounds the wait regardless).
     */
    private boolean waitFor(RenderHandle handle, Progress progress, long startNanos, Duration wallClockTimeout) {
        long tickMillis = context.terminal() ? 125 : 500;
        boolean idShown = false;
        long limitNanos = wallClockTimeout.plus(GRACE).toNanos();
        while (System.nanoTime() - startNanos < limitNanos) {
            Object item;
            try {
                item = inbox.poll(tickMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // Treated like Ctrl-C: stop waiting; the engine reports the cancellation.
                Thread.currentThread().interrupt();
                handle.cancel();
                return handle.result().isDone();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            if (item == FINISHED) {
                return true;
            } else if (item instanceof RenderEvent event) {
                // The first event naming the job's id is always shown: with it the job can be
                // looked up if the wait is interrupted.
                String id =
                        handle.checkpoint().map(RenderCheckpoint::predictionId).orElse(null);
                boolean firstWithId = !idShown && id != null && event.message().contains(id);
                idShown |= firstWithId;
                progress.onEvent(event, elapsed, firstWithId);
            } else {
                progress.tick(elapsed);
            }
        }
        return false;
    }

    private String summary(RenderResult result, CostEstimate estimate, boolean simulated) {
        String host = result.provider().displayName() + (simulated ? " (simulated)" : "");
        if (result.dryRun()) {
            return "Dry run: the request is valid and would cost "
                    + estimate.usd().toPlainString() + " USD (" + estimate.formula() + ") on "
                    + result.provider().displayName() + "; nothing was sent.";
        }
        double seconds = result.measuredDuration().toMillis() / 1000.0;
        return String.format(
                Locale.ROOT,
                "Saved %s: %s, %.2f s, %dx%d, %s USD%s, prediction %s on %s",
                out,
                Sizes.bytes(result.byteSize()),
                seconds,
                result.width(),
                result.height(),
                result.cost().toPlainString(),
                simulated ? " (not billed)" : "",
                result.predictionId(),
                host);
    }

    private BigDecimal cost(List<Violation> problems) {
        if (maxCost == null) {
            return null;
        }
        try {
            BigDecimal usd = new BigDecimal(maxCost.strip());
            if (usd.signum() >= 0) {
                return usd;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new Violation("--max-cost", maxCost, "an amount of US dollars of zero or more, e.g. 2.50"));
        return null;
    }

    private Path output(List<Violation> problems) {
        String allowed = "a file path for the MP4, e.g. clip.mp4 or out/clip.mp4";
        if (out == null || out.isBlank()) {
            problems.add(new Violation("--out", out, allowed));
            return null;
        }
        try {
            Path path = context.resolve(out);
            if (Files.isDirectory(path)) {
                problems.add(new Violation("--out", out, allowed, "it is a directory"));
                return null;
            }
            return path;
        } catch (InvalidPathException e) {
            problems.add(new Violation("--out", out, allowed, "not a valid file path"));
            return null;
        }
    }

    private void createParent(Path output) {
        Path parent = output.getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new CommandFailure(
                    ExitCode.ERROR, "The folder " + parent + " for --out cannot be created (" + e.getMessage() + ").");
        }
    }

    private int columns() {
        try {
            String columns = context.env("COLUMNS");
            return columns == null ? 80 : Integer.parseInt(columns.strip());
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
