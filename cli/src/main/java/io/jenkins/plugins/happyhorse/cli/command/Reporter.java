package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.json.JsonDocument.ErrorReport;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookVerdict;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * Writes failures to stderr the one way every command does: one sentence (plus one line per
 * violation for an invalid request, each named after the option), and a stack trace only when
 * {@code --verbose} asked for it. It keeps the last report for {@code --json}.
 */
public final class Reporter {
    private final PrintStream err;
    private final boolean verbose;
    private UnaryOperator<Violation> asOption = RequestOptions::asOption;
    private ErrorReport last;

    public Reporter(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    /** How the engine's violations are named after the options (default: {@link RequestOptions#asOption}). */
    Reporter naming(UnaryOperator<Violation> asOption) {
        this.asOption = asOption;
        return this;
    }

    /**
     * A callback refused by this render's receiver: one line on stderr with {@code --verbose} (the
     * engine's own events say when a callback is accepted). The detail never holds a key or a body.
     */
    void verdict(WebhookVerdict verdict) {
        if (verbose && !verdict.isAccepted()) {
            err.println("Callback " + verdict);
        }
    }

    /** Reports every violation at once; returns {@link ExitCode#USAGE}. */
    public int invalid(List<Violation> violations) {
        int n = violations.size();
        String sentence = "the request is invalid (" + n + (n == 1 ? " problem" : " problems")
                + "); nothing was sent to the host";
        err.println("Error: " + sentence + ":");
        for (Violation v : violations) {
            err.println("  " + v.message());
        }
        last = new ErrorReport(sentence, violations, null);
        return ExitCode.USAGE;
    }

    /** Reports a failure and returns its exit code. */
    public int failure(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof InvalidRequestException invalid
                && !invalid.violations().isEmpty()) {
            return invalid(invalid.violations().stream().map(asOption).toList());
        }
        int code = cause instanceof CommandFailure failure ? failure.exitCode() : ExitCode.of(cause);
        String message = cause.getMessage();
        if (!(cause instanceof RenderException) && !(cause instanceof CommandFailure)) {
            message = "unexpected " + cause.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                    + (verbose ? "" : " (run again with --verbose for the details)");
        }
        err.println("Error: " + message);
        if (verbose) {
            cause.printStackTrace(err);
        }
        last = new ErrorReport(message, List.of(), null);
        return code;
    }

    /** Prints the command that collects a paid clip, after the failure it follows. */
    public void next(String sentence, String command) {
        err.println(sentence);
        err.println("  " + command);
        if (last != null) {
            last = last.withNext(command);
        }
    }

    /** A warning that does not change the outcome. */
    public void warn(String message) {
        err.println("Warning: " + message);
    }

    /** The last failure reported, or null. */
    public ErrorReport last() {
        return last;
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
