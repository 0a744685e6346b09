package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.ExitCode;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Writes failures to stderr the one way every command does: one sentence (plus one line per
 * violation for an invalid request), and a stack trace only when {@code --verbose} asked for it.
 */
public final class Reporter {
    private final PrintStream err;
    private final boolean verbose;

    public Reporter(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    /** Reports every violation at once; returns {@link ExitCode#USAGE}. */
    public int invalid(List<Violation> violations) {
        int n = violations.size();
        err.println("Error: the request is invalid (" + n + (n == 1 ? " problem" : " problems")
                + "); nothing was sent to the host:");
        for (Violation v : violations) {
            err.println("  " + v.message());
        }
        return ExitCode.USAGE;
    }

    /** Reports a failure and returns its exit code. */
    public int failure(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof InvalidRequestException invalid
                && !invalid.violations().isEmpty()) {
            return invalid(
                    invalid.violations().stream().map(RequestOptions::asOption).toList());
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
        return code;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
