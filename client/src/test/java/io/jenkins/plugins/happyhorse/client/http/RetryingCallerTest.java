package io.jenkins.plugins.happyhorse.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.connection.RetryPolicy;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.ProviderUnavailableException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.time.SteppedScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry loop alone: no HTTP, an attempt is any future, time is the scheduler's. */
class RetryingCallerTest {
    private final SteppedScheduler scheduler = new SteppedScheduler();
    private final CallScope scope = new CallScope();
    private final AtomicInteger attempts = new AtomicInteger();

    private RetryingCaller caller(RetryPolicy policy, Duration deadline) {
        Sender none = call -> CompletableFuture.failedFuture(new IOException("no sender in this test"));
        return new RetryingCaller(
                none,
                new HostText("Test Host", ApiKey.of("sk-retry-test")),
                policy,
                scheduler,
                deadline == null ? null : scheduler.now().plus(deadline),
                scope);
    }

    private CompletableFuture<String> failingThenOk(RetryingCaller caller, int failures, Duration retryAfter) {
        return caller.retrying(
                "count",
                () -> {
                    int n = attempts.incrementAndGet();
                    return n <= failures
                            ? CompletableFuture.failedFuture(new IOException("reset " + n))
                            : CompletableFuture.completedFuture("ok after " + n);
                },
                (value, error) -> error == null
                        ? Verdict.success(value)
                        : Verdict.retry(retryAfter, new ProviderUnavailableException("gave up on " + error)));
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void repeatsUntilTheVerdictIsSuccessHonouringRetryAfter() throws Exception {
        RetryingCaller caller =
                caller(RetryPolicy.builder().random(new Random(1)).build(), null);
        assertThat(failingThenOk(caller, 2, Duration.ofSeconds(7)).get(20, TimeUnit.SECONDS))
                .isEqualTo("ok after 3");
        assertThat(scheduler.recordedDelays()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
    }

    @Test
    void givesUpAfterThePolicysLastAttemptWithTheVerdictsFailure() throws Exception {
        RetryingCaller caller = caller(RetryPolicy.builder().maxAttempts(3).build(), null);
        assertThat(failure(failingThenOk(caller, 10, Duration.ofMillis(1))))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("reset 3");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void stopsBeforeTheDeadlineWouldPass() throws Exception {
        RetryingCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(30));
        assertThat(failure(failingThenOk(caller, 10, Duration.ofMinutes(5))))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("deadline would pass");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aCancelledScopeCallsOffTheWaitingRetry() throws Exception {
        RetryingCaller caller = caller(RetryPolicy.defaults(), null);
        // The first attempt runs at once and fails; the second waits a day for its turn.
        CompletableFuture<String> call = failingThenOk(caller, 10, Duration.ofDays(1));
        scope.cancel(new RenderCancelledException("stopped by the test"));
        assertThat(failure(call)).isInstanceOf(RenderCancelledException.class).hasMessage("stopped by the test");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aConnectionFailureIsRetriedButTheEnginesOwnFailureIsNot() {
        RetryingCaller caller = caller(RetryPolicy.defaults(), null);
        assertThat(caller.<String>transportVerdict("poll", new java.net.ConnectException("refused")))
                .isInstanceOf(Verdict.Retry.class);
        assertThat(caller.<String>transportVerdict("poll", new RenderCancelledException("x")))
                .isInstanceOf(Verdict.Fail.class);
    }
}
