package io.jenkins.plugins.happyhorse.cli.runtime;

import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.InsufficientBalanceException;
import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;

/**
 * The documented exit codes of the {@code happyhorse} command, and which failure gives which. A
 * script can tell from the code alone whether trying again may help (6, 7), whether it would pay
 * twice (9: look the job up first), or whether the input must change (2, 3, 4).
 */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** An unexpected error, such as an output file that cannot be written. */
    public static final int ERROR = 1;
    /** Bad usage or an invalid request; nothing was sent. */
    public static final int USAGE = 2;
    /** The estimated cost is above {@code --max-cost}; nothing was sent. */
    public static final int COST_LIMIT = 3;
    /** The key is missing or refused, or the balance is too low. */
    public static final int AUTHENTICATION = 4;
    /** The host ran the job and reports it failed, refused, timed out or cancelled. */
    public static final int JOB_FAILED = 5;
    /** The overall timeout passed; the job may still finish on the host. */
    public static final int TIMEOUT = 6;
    /** The host could not be reached, stayed unavailable or rate-limited, or answered unintelligibly. */
    public static final int UNAVAILABLE = 7;
    /** The downloaded clip is not a complete MP4 of the requested duration and picture shape. */
    public static final int VERIFICATION_FAILED = 8;
    /** The submit's reply was lost: the job may exist (and be billed); look it up before rendering again. */
    public static final int SUBMISSION_UNCERTAIN = 9;
    /** Stopped by Ctrl-C; a job already submitted keeps running on the host, which cannot cancel it. */
    public static final int CANCELLED = 130;

    private ExitCode() {}

    /** The exit code for a render's failure. */
    public static int of(Throwable failure) {
        if (failure instanceof InvalidRequestException) {
            return USAGE;
        }
        if (failure instanceof CostLimitExceededException) {
            return COST_LIMIT;
        }
        if (failure instanceof AuthenticationException || failure instanceof InsufficientBalanceException) {
            return AUTHENTICATION;
        }
        if (failure instanceof JobFailedException) {
            return JOB_FAILED;
        }
        if (failure instanceof DeadlineExceededException) {
            return TIMEOUT;
        }
        if (failure instanceof ProviderUnavailableException
                || failure instanceof RateLimitedException
                || failure instanceof ProtocolException) {
            return UNAVAILABLE;
        }
        if (failure instanceof OutputVerificationException) {
            return VERIFICATION_FAILED;
        }
        if (failure instanceof SubmissionUncertainException) {
            return SUBMISSION_UNCERTAIN;
        }
        if (failure instanceof RenderCancelledException) {
            return CANCELLED;
        }
        return ERROR;
    }
}
