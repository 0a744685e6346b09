package io.jenkins.plugins.happyhorse.client.error;

/**
 * Why a render did not produce a verified clip. Every message says what happened and what to do
 * next, and never contains the API key.
 *
 * <p>One sealed hierarchy: each subclass is one kind of failure a caller may treat differently
 * (an exit code, a build result, whether to resume). A {@code RenderException} of this very class
 * is the engine's catch-all for an error nobody foresaw; its message says so.
 */
public sealed class RenderException extends RuntimeException
        permits AuthenticationException,
                BudgetExceededException,
                CostLimitExceededException,
                DeadlineExceededException,
                InsufficientBalanceException,
                InvalidRequestException,
                JobFailedException,
                OutputVerificationException,
                ProtocolException,
                ProviderUnavailableException,
                RateLimitedException,
                RenderCancelledException,
                StorageException,
                SubmissionUncertainException {
    private static final long serialVersionUID = 1L;

    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
