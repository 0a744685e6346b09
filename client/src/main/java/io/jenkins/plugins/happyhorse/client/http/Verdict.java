package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.error.RenderException;
import java.time.Duration;

/**
 * What a provider makes of one attempt's outcome: done with a value, worth another attempt, or a
 * definite failure.
 */
public sealed interface Verdict<T> permits Verdict.Success, Verdict.Retry, Verdict.Fail {

    static <T> Verdict<T> success(T value) {
        return new Success<>(value);
    }

    /**
     * @param retryAfter the host's {@code Retry-After}, or null to use the policy's backoff
     * @param whenExhausted the failure to report when no attempt is left
     */
    static <T> Verdict<T> retry(Duration retryAfter, RenderException whenExhausted) {
        return new Retry<>(retryAfter, whenExhausted);
    }

    static <T> Verdict<T> fail(RenderException error) {
        return new Fail<>(error);
    }

    /** The attempt succeeded. */
    record Success<T>(T value) implements Verdict<T> {}

    /** The attempt failed in a way another attempt may fix. */
    record Retry<T>(Duration retryAfter, RenderException whenExhausted) implements Verdict<T> {}

    /** The attempt failed for good. */
    record Fail<T>(RenderException error) implements Verdict<T> {}
}
