package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.host.RenderTarget;
import io.jenkins.plugins.happyhorse.cli.json.JsonDocument;
import io.jenkins.plugins.happyhorse.cli.run.NextStep;
import io.jenkins.plugins.happyhorse.cli.run.NextStep.Advice;
import io.jenkins.plugins.happyhorse.cli.run.Outcome;
import io.jenkins.plugins.happyhorse.cli.run.RecordStates;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.cli.state.Clip;
import io.jenkins.plugins.happyhorse.cli.state.RecordKeeper;
import io.jenkins.plugins.happyhorse.cli.state.RecordState;
import io.jenkins.plugins.happyhorse.cli.state.RenderRecord;
import io.jenkins.plugins.happyhorse.cli.text.Sizes;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a render, a resume or a download ends on the command line: the record in the state folder
 * gets the outcome and the command to run next; stdout gets the summary (or the JSON object);
 * stderr gets the failure and, after paying, the exact command that collects the clip.
 */
final class Endings {
    /** Ctrl-C against the built-in simulator: nothing runs on, so nothing is billed. */
    static final String SIMULATOR_STOPPED = "Stopped by Ctrl-C. The built-in simulator stopped with the command:"
            + " nothing was billed, and its job is gone. Render again when you want the clip.";

    private final CliContext context;
    private final RenderTarget target;
    private final Reporter reporter;
    private final NextStep next;

    Endings(CliContext context, RenderTarget target, Reporter reporter, NextStep next) {
        this.context = context;
        this.target = target;
        this.reporter = reporter;
        this.next = next;
    }

    /**
     * Records and reports {@code outcome}; returns the exit code.
     *
     * @param shownOut the output as the user typed it, for the summary
     * @param doc the JSON document to fill, or null for text
     */
    int finish(Outcome outcome, RecordKeeper keeper, String shownOut, JsonDocument doc) {
        if (outcome.succeeded()) {
            RenderResult r = outcome.result();
            Optional<RenderRecord> record = update(keeper, b -> b.state(RecordState.DONE)
                    .clip(new Clip(
                            r.byteSize(),
                            r.width(),
                            r.height(),
                            r.measuredDuration().toMillis() / 1000.0))
                    .error(null)
                    .next(null)
                    .ownerPid(null));
            if (doc == null) {
                context.out().println(summary(r, shownOut, target.simulated()));
            } else {
                doc.root().set("render", record.map(this::json).orElse(null));
            }
            return ExitCode.OK;
        }
        Throwable failure = Reporter.unwrap(outcome.failure());
        if (target.simulated() && failure instanceof RenderCancelledException) {
            failure = new RenderCancelledException(SIMULATOR_STOPPED);
        }
        RecordState state = RecordStates.after(failure, outcome.phase());
        boolean findsLostSubmits = target.engine().findsLostSubmits(target.provider());
        String message = failure.getMessage();
        // Worked out after every pending write: whether the host's id was recorded decides the command.
        Optional<RenderRecord> record = replace(keeper, r -> {
            RenderRecord stopped =
                    r.toBuilder().state(state).error(message).ownerPid(null).build();
            return stopped.toBuilder()
                    .next(next.after(stopped, findsLostSubmits)
                            .map(Advice::command)
                            .orElse(null))
                    .build();
        });
        Optional<Advice> advice = record.flatMap(r -> next.after(r, findsLostSubmits));
        int code = reporter.failure(failure);
        advice.ifPresent(a -> reporter.next(a.sentence(), a.command()));
        if (doc != null) {
            doc.root().set("render", record.map(this::json).orElse(null));
        }
        return code;
    }

    private Optional<RenderRecord> update(RecordKeeper keeper, UnaryOperator<RenderRecord.Builder> change) {
        return replace(keeper, r -> change.apply(r.toBuilder()).build());
    }

    private Optional<RenderRecord> replace(RecordKeeper keeper, UnaryOperator<RenderRecord> change) {
        try {
            return keeper.replace(change);
        } catch (IOException | RuntimeException e) {
            reporter.warn("the render's record could not be written to the state folder (" + e.getMessage() + ").");
            return keeper.current();
        }
    }

    private com.fasterxml.jackson.databind.node.ObjectNode json(RenderRecord r) {
        return r.toJson();
    }

    /** The summary line: where the clip is, what it is, what it cost, the seed and the job. */
    static String summary(RenderResult result, String shownOut, boolean simulated) {
        String host = result.provider().displayName() + (simulated ? " (simulated)" : "");
        double seconds = result.measuredDuration().toMillis() / 1000.0;
        String cost = result.cost() == null
                ? "cost unknown (collected by its id)"
                : result.cost().toPlainString() + " USD" + (simulated ? " (not billed)" : "");
        if (result.reused()) {
            cost = "reused, 0 USD (saved " + result.reusedFrom().usd().toPlainString() + " USD"
                    + (simulated ? ", not billed" : "") + ")";
        }
        return String.format(
                Locale.ROOT,
                "Saved %s: %s, %.2f s, %dx%d, %s, %s, prediction %s on %s",
                Violation.shorten(shownOut),
                Sizes.bytes(result.byteSize()),
                seconds,
                result.width(),
                result.height(),
                cost,
                seed(result),
                result.predictionId(),
                host);
    }

    /** {@code seed 42}, or who chose it. */
    static String seed(RenderResult result) {
        if (result.seed() != null) {
            return "seed " + result.seed();
        }
        return result.cost() == null
                ? "seed not known"
                : "seed chosen by " + result.provider().displayName();
    }
}
