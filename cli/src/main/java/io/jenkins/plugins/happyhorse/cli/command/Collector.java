package io.jenkins.plugins.happyhorse.cli.command;

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
import io.jenkins.plugins.happyhorse.cli.state.RecordState;
import io.jenkins.plugins.happyhorse.cli.state.RenderRecord;
import io.jenkins.plugins.happyhorse.cli.state.Source;
import io.jenkins.plugins.happyhorse.cli.state.StateFolder;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.cli.webhook.RenderReceiver;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * Collects a clip that was already paid for, never submitting anything: {@code resume} picks a
 * render up from its checkpoint; {@code download} and {@code status --download} fetch a job by its
 * id (verified against what its record expects, when the state folder has one). Either way the
 * record in the state folder follows, and a failure names the command to try next.
 */
final class Collector {
    private final CliContext context;
    private final StateLocation where;
    private final Reporter reporter;
    private final boolean verbose;

    Collector(CliContext context, StateLocation where, Reporter reporter, boolean verbose) {
        this.context = context;
        this.where = where;
        this.reporter = reporter;
        this.verbose = verbose;
    }

    /**
     * Fetches job {@code lookup} names into {@code out}.
     *
     * @param anyShape whether to check only that the clip is a whole MP4
     */
    int download(
            RenderTarget target,
            JobLookup lookup,
            String id,
            Path out,
            String shownOut,
            boolean anyShape,
            Duration timeout,
            JsonDocument doc) {
        StateFolder folder = new StateFolder(where.path());
        RenderCheckpoint known = lookup.known() ? lookup.record().checkpoint() : null;
        String predictionId = known != null && known.predictionId() != null ? known.predictionId() : id;
        if (known != null && known.predictionId() == null) {
            throw new CommandFailure(
                    ExitCode.USAGE,
                    "Render " + lookup.record().id() + " has no prediction id: its submit reply never arrived. Run '"
                            + NextStep.program(context) + " resume "
                            + lookup.record().id()
                            + "' to look it up without submitting again.");
        }
        RenderCheckpoint adopted = RenderCheckpoint.adopted(
                new JobRef(lookup.host(), predictionId),
                target.engine().endpoint(lookup.host()),
                target.scheduler().now(),
                null);
        RenderCheckpoint forEngine = known == null || anyShape ? adopted : known;
        try (RecordKeeper keeper = keeper(folder, lookup, adopted, out)) {
            return run(target, keeper, forEngine, out, shownOut, timeout, false, null, doc);
        }
    }

    /**
     * Picks {@code record} up where it stopped, saving the clip to {@code out}.
     *
     * @param webhook the callback URL the render was started with, to listen for; or null
     */
    int resume(RenderTarget target, RenderRecord record, Path out, String shownOut, Duration timeout, URI webhook) {
        StateFolder folder = new StateFolder(where.path());
        try (RecordKeeper keeper = RecordKeeper.forExisting(folder, context.clock(), record)) {
            keeper.update(b -> b.output(out)
                    .state(record.predictionId() == null ? RecordState.SUBMITTING : RecordState.WAITING)
                    .error(null)
                    .next(null));
            try (RenderReceiver receiver = webhook == null
                    ? null
                    : RenderReceiver.open(target.engine().webhooks(), where.path(), reporter::verdict)) {
                return run(target, keeper, record.checkpoint(), out, shownOut, timeout, true, webhook, null);
            }
        } catch (IOException e) {
            throw new CommandFailure(
                    ExitCode.ERROR,
                    "The state folder " + folder.root() + " cannot be written (" + e.getMessage() + ").");
        }
    }

    private RecordKeeper keeper(StateFolder folder, JobLookup lookup, RenderCheckpoint adopted, Path out) {
        try {
            if (lookup.known()) {
                RecordKeeper keeper = RecordKeeper.forExisting(folder, context.clock(), lookup.record());
                keeper.update(b -> b.output(out).error(null).next(null));
                return keeper;
            }
            RecordKeeper keeper = RecordKeeper.forNew(folder, context.clock(), Source.DOWNLOAD, out, false);
            keeper.save(adopted).toCompletableFuture().join();
            return keeper;
        } catch (IOException | CompletionException e) {
            throw new CommandFailure(
                    ExitCode.ERROR,
                    "The state folder " + folder.root() + " cannot be written (" + e.getMessage()
                            + "); nothing was downloaded.");
        }
    }

    private int run(
            RenderTarget target,
            RecordKeeper keeper,
            RenderCheckpoint checkpoint,
            Path out,
            String shownOut,
            Duration timeout,
            boolean resume,
            URI webhook,
            JsonDocument doc) {
        JobRun run = new JobRun(
                context, target, Progress.create(context.err(), context.terminal(), context::columns, verbose));
        RenderOptions options = RenderOptions.builder()
                .apiKey(target.key())
                .output(out)
                .deadline(target.engineDeadline(timeout))
                .listener(run.listener())
                .checkpointStore(keeper)
                .webhook(webhook)
                .build();
        RenderHandle handle = resume
                ? target.engine().resume(checkpoint, options)
                : target.engine().download(checkpoint, options);
        Outcome outcome = run.await(handle, timeout);
        return new Endings(context, target, reporter, NextStep.of(context, where))
                .finish(outcome, keeper, shownOut, doc);
    }
}
