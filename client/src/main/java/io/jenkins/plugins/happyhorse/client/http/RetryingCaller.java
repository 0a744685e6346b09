package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.ProtocolException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RateLimitedException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Repeats an idempotent call until its {@link Verdict} says done or failed: after a connection
 * error, a 429 or a 5xx, it waits the {@link RetryPolicy}'s backoff (or exactly the host's {@code
 * Retry-After}) as a task on the {@link EngineScheduler}, never a sleeping thread, and stops at
 * the policy's last attempt or before the deadline would pass. A submit never comes here.
 */
public final class RetryingCaller {
    private final Sender sender;
    private final HostText text;
    private final RetryPolicy policy;
    private final EngineScheduler scheduler;
    private final Instant deadline;
    private final CallScope scope;

    /** @param deadline when to stop retrying, or null for never */
    public RetryingCaller(
            Sender sender,
            HostText text,
            RetryPolicy policy,
            EngineScheduler scheduler,
            Instant deadline,
            CallScope scope) {
        this.sender = sender;
        this.text = text;
        this.policy = policy;
        this.scheduler = scheduler;
        this.deadline = deadline;
        this.scope = scope;
    }

    /**
     * Sends a fresh {@code call} per attempt, repeating it after connection errors and whatever
     * {@code interpret} calls worth a retry.
     *
     * @param what the call's purpose for messages, e.g. {@code "poll prediction abc"}
     */
    public <T> CompletableFuture<T> call(
            String what, Supplier<HttpCall> call, Function<HttpReply, Verdict<T>> interpret) {
        return retrying(what, () -> sender.send(call.get()), (reply, error) -> {
            if (error != null) {
                return transportVerdict(what, error);
            }
            return interpret.apply(reply);
        });
    }

    /** The retry loop itself: {@code attempt} is run until {@code interpret} says done or fail. */
    public <R, T> CompletableFuture<T> retrying(
            String what, Supplier<CompletableFuture<R>> attempt, BiFunction<R, Throwable, Verdict<T>> interpret) {
        CompletableFuture<T> result = new CompletableFuture<>();
        runAttempt(1, what, attempt, interpret, result);
        return result;
    }

    /** The usual verdict on a connection-level failure: retry, or fail when it is the engine's own error. */
    public <T> Verdict<T> transportVerdict(String what, Throwable error) {
        if (error instanceof RenderException re) {
            return Verdict.fail(re);
        }
        if (error instanceof LocalFileException local) {
            return Verdict.fail(local.asStorageFailure());
        }
        return Verdict.retry(
                null,
                new ProviderUnavailableException(
                        text.hostName() + " could not be reached to " + what + " after " + policy.maxAttempts()
                                + " attempts (" + Failures.describe(error) + "). Check the network and proxy"
                                + " settings, or try again later.",
                        error));
    }

    /** The usual verdict on a 429 or a 5xx reply that has nothing more to say. */
    public <T> Verdict<T> retryStatus(String what, HttpReply reply, String hostMessage) {
        Duration retryAfter = retryAfter(reply);
        String detail = hostMessage == null || hostMessage.isBlank() ? "" : ": " + text.redact(hostMessage);
        if (reply.status() == 429) {
            return Verdict.retry(
                    retryAfter,
                    new RateLimitedException(text.hostName() + " kept answering 429 (too many requests) to " + what
                            + " after " + policy.maxAttempts() + " attempts" + detail + ". Run fewer renders at once"
                            + " or try again in a minute."));
        }
        return Verdict.retry(
                retryAfter,
                new ProviderUnavailableException(text.hostName() + " kept failing to " + what + " (HTTP "
                        + reply.status() + detail + text.requestIdNote(reply) + ") after " + policy.maxAttempts()
                        + " attempts; the host seems to be having trouble. Try again later."));
    }

    /** How many attempts the policy allows, for messages. */
    public int maxAttempts() {
        return policy.maxAttempts();
    }

    private <R, T> void runAttempt(
            int number,
            String what,
            Supplier<CompletableFuture<R>> attempt,
            BiFunction<R, Throwable, Verdict<T>> interpret,
            CompletableFuture<T> result) {
        if (scope.isCancelled()) {
            result.completeExceptionally(scope.reason());
            return;
        }
        CompletableFuture<R> f;
        try {
            f = attempt.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        scope.track(f).whenComplete((reply, error) -> {
            if (scope.isCancelled()) {
                result.completeExceptionally(scope.reason());
                return;
            }
            Verdict<T> verdict;
            try {
                verdict = interpret.apply(reply, Failures.unwrap(error));
            } catch (RenderException e) {
                verdict = Verdict.fail(e);
            } catch (RuntimeException e) {
                verdict = Verdict.fail(new ProtocolException(
                        text.hostName() + " sent a reply to " + what + " that could not be understood ("
                                + text.redact(e.getMessage()) + ").",
                        e));
            }
            if (verdict instanceof Verdict.Success<T> s) {
                result.complete(s.value());
            } else if (verdict instanceof Verdict.Fail<T> fail) {
                result.completeExceptionally(fail.error());
            } else {
                Verdict.Retry<T> retry = (Verdict.Retry<T>) verdict;
                scheduleRetry(
                        number, what, retry, () -> runAttempt(number + 1, what, attempt, interpret, result), result);
            }
        });
    }

    private <T> void scheduleRetry(
            int number, String what, Verdict.Retry<T> retry, Runnable next, CompletableFuture<T> result) {
        if (number >= policy.maxAttempts()) {
            result.completeExceptionally(retry.whenExhausted());
            return;
        }
        Duration delay = retry.retryAfter() != null ? retry.retryAfter() : policy.backoff(number);
        if (deadline != null && scheduler.now().plus(delay).isAfter(deadline)) {
            result.completeExceptionally(new DeadlineExceededException(
                    "The render's deadline would pass before the next attempt to " + what + " (in "
                            + delay.toSeconds() + " s); last error: "
                            + retry.whenExhausted().getMessage()
                            + " Resume later with the checkpoint, or allow a longer deadline.",
                    retry.whenExhausted()));
            return;
        }
        scope.waiting(scheduler.schedule(next, delay), result);
    }

    /** The delay a reply's {@code Retry-After} asks for, relative to its {@code Date} when present. */
    public static Duration retryAfter(HttpReply reply) {
        Instant senderNow = Instant.now();
        String date = reply.header("date");
        if (date != null) {
            try {
                senderNow = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException e) {
                // Keep our own clock.
            }
        }
        return RetryPolicy.parseRetryAfter(reply.header("retry-after"), senderNow)
                .orElse(null);
    }
}
