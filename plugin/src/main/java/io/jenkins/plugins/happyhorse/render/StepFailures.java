package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How a render's failure fails its build. The engine's and the plugin's messages are written for
 * people, so they fail the build as an {@link AbortException}: the message without a stack trace.
 * The engine speaks of a "cost limit" and "the API key"; the user wrote {@code maxCost} and a
 * {@code credentialsId}, so those failures are reworded to name the step's settings.
 */
public final class StepFailures {

    private StepFailures() {}

    /** The failure to report for {@code error}: an {@link AbortException} when it is a message for people. */
    public static Throwable forBuild(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof RenderException || cause instanceof AbortException) {
            return new AbortException(cause.getMessage());
        }
        return cause;
    }

    /**
     * {@code error} in terms of the step: the cost limit as {@code maxCost}, a refused key with the
     * credential that holds it, a missed deadline with the way to collect the clip later.
     *
     * @param credentialsId the credential the key came from, if known
     * @param checkpoint the job's facts, once submitted
     */
    static Throwable inTermsOfTheStep(
            Throwable error, @CheckForNull String credentialsId, @CheckForNull RenderCheckpoint checkpoint) {
        Throwable cause = unwrap(error);
        if (cause instanceof CostLimitExceededException) {
            return new AbortException(Messages.RenderSession_CostLimit(cause.getMessage()));
        }
        if (cause instanceof AuthenticationException && credentialsId != null) {
            // The id only: it names where the key is kept, never the key.
            return new AbortException(Messages.RenderSession_KeyRefused(cause.getMessage(), credentialsId));
        }
        if (cause instanceof DeadlineExceededException && checkpoint != null && checkpoint.predictionId() != null) {
            return new AbortException(cause.getMessage() + " "
                    + BuildLog.collectLater(checkpoint.provider(), checkpoint.predictionId(), credentialsId));
        }
        return error;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
