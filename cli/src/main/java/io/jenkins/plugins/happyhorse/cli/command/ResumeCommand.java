package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.host.ApiKeys;
import io.jenkins.plugins.happyhorse.cli.host.RenderTarget;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.cli.state.RecordState;
import io.jenkins.plugins.happyhorse.cli.state.RenderRecord;
import io.jenkins.plugins.happyhorse.cli.state.StateFolder;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.net.URI;
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
 * {@code happyhorse resume [ID]}: takes up the latest unfinished render, or the one named, from
 * its checkpoint in the state folder: waits for the job, downloads, verifies and saves the clip to
 * the render's {@code --out} (or a new one). It never submits again.
 */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Takes up the latest unfinished render (or the one named) without submitting it again: waits for the"
                    + " job, then downloads, verifies and saves the clip to the render's --out (or a new --out).",
            "'happyhorse history' lists the renders."
        })
public final class ResumeCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "ID",
            description = "The render's prediction id, or its id from history (default: the latest unfinished one).")
    String id;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Save the clip here instead of the render's own --out (a file ending in .mp4).")
    String out;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    boolean force;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Give up waiting after this long (default 30m); the job may still finish on the host.")
    String timeout;

    @Option(
            names = WebhookUrlOption.NAME,
            paramLabel = "URL",
            description = WebhookUrlOption.DESCRIPTION
                    + " Give the URL the render was started with: the host calls the one it was given at the submit.")
    String webhookUrl;

    @Mixin
    StateOptions state;

    @Option(names = "--verbose", description = "Every progress event, and stack traces on errors.")
    boolean verbose;

    public ResumeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reporter reporter = new Reporter(context.err(), verbose);
        try {
            return resume(reporter);
        } catch (CommandFailure | IllegalArgumentException | IllegalStateException e) {
            return reporter.failure(e);
        }
    }

    private int resume(Reporter reporter) {
        CliConfig config = CliConfig.load(context.env(), context.workingDirectory());
        List<Violation> problems = new ArrayList<>();
        Optional<StateLocation> where = state.location(context, config, true, problems);
        Duration wallClock = HostOptions.timeout(timeout, RenderOnlyOptions.DEFAULT_TIMEOUT, problems);
        URI webhook = WebhookUrlOption.parse(webhookUrl, false, problems);
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        StateFolder folder = new StateFolder(where.orElseThrow().path());
        RenderRecord record = find(folder);
        String typedOut = out != null ? out : record.output().toString();
        Optional<Path> output = Outputs.check(context, typedOut, force, problems);
        if (!problems.isEmpty()) {
            return reporter.invalid(problems);
        }
        ApiKey key = ApiKeys.forJob(context, record.host(), record.checkpoint().baseUrl(), "resume", true);
        try (RenderTarget host =
                RenderTarget.host(context, record.host(), record.checkpoint().baseUrl(), key, PriceList.defaults())) {
            return new Collector(context, where.orElseThrow(), reporter, verbose)
                    .resume(host, record, output.orElseThrow(), typedOut, wallClock, webhook);
        }
    }

    private RenderRecord find(StateFolder folder) {
        Optional<RenderRecord> found;
        try {
            found = id == null ? folder.latestResumable() : folder.find(id);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.USAGE, "The state folder " + folder.root() + ": " + e.getMessage() + ".");
        }
        if (found.isEmpty()) {
            throw new CommandFailure(
                    ExitCode.USAGE,
                    (id == null ? "There is no unfinished render" : "There is no render " + id)
                            + " in the state folder " + folder.root()
                            + "; 'happyhorse history' lists the renders there.");
        }
        RenderRecord r = found.get();
        if (r.simulated()) {
            throw new CommandFailure(
                    ExitCode.USAGE,
                    "Render " + r.handle() + " was played by the built-in simulator, which stopped with its command;"
                            + " nothing was billed. Render it again (it is free).");
        }
        if (r.state() == RecordState.DONE) {
            throw new CommandFailure(
                    ExitCode.USAGE,
                    "Render " + r.handle() + " is done: its clip was saved to " + r.output()
                            + ". To fetch it again, use 'happyhorse download " + r.handle() + " --out FILE'.");
        }
        if (r.state() == RecordState.FAILED) {
            throw new CommandFailure(
                    ExitCode.JOB_FAILED,
                    "Render " + r.handle() + " failed on " + r.host().displayName() + "; there is no clip to collect: "
                            + r.error());
        }
        if (r.ownedByAnotherLiveProcess()) {
            throw new CommandFailure(
                    ExitCode.USAGE,
                    "Render " + r.handle() + " is being followed by another running happyhorse command (process "
                            + r.ownerPid() + "); wait for it, or stop it first.");
        }
        return r;
    }
}
