package io.jenkins.plugins.happyhorse.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PollingPolicyTest {
    private final PollingPolicy policy = PollingPolicy.defaults();

    @Test
    void expectsLongerForLongerAndSharperClips() {
        assertThat(policy.expectedProcessing(Resolution.P720, 5)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.expectedProcessing(Resolution.P1080, 5)).isEqualTo(Duration.ofSeconds(180));
        assertThat(policy.expectedProcessing(Resolution.P720, 15)).isEqualTo(Duration.ofSeconds(240));
    }

    @Test
    void firstPollComesAtFortyPercentOfTheExpectedTime() {
        Duration expected = Duration.ofSeconds(120);
        assertThat(policy.nextDelay(expected, Duration.ZERO)).isEqualTo(Duration.ofSeconds(48));
        assertThat(policy.nextDelay(expected, Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void isSparseEarlyDenseAroundTheExpectedTimeAndBacksOffAfter() {
        Duration expected = Duration.ofSeconds(120);
        assertThat(policy.nextDelay(expected, Duration.ofSeconds(48))).isEqualTo(Duration.ofSeconds(15));
        assertThat(policy.nextDelay(expected, Duration.ofSeconds(80))).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.nextDelay(expected, Duration.ofSeconds(84))).isEqualTo(Duration.ofMillis(1800));
        assertThat(policy.nextDelay(expected, Duration.ofSeconds(150))).isEqualTo(Duration.ofMillis(1800));
        Duration after = policy.nextDelay(expected, Duration.ofSeconds(176));
        assertThat(after).isGreaterThan(Duration.ofMillis(1800)).isLessThan(Duration.ofSeconds(5));
        assertThat(policy.nextDelay(expected, Duration.ofSeconds(1000))).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void delaysNeverShrinkAfterTheDensePhase() {
        Duration expected = Duration.ofSeconds(120);
        Duration previous = Duration.ZERO;
        for (int t = 160; t < 600; t += 5) {
            Duration d = policy.nextDelay(expected, Duration.ofSeconds(t));
            assertThat(d).isGreaterThanOrEqualTo(previous);
            previous = d;
        }
    }

    /** Simulates polls until completion, returning {requests, detection delay ms}. */
    private static long[] run(PollingPolicy p, Duration expected, long completionMs, long fixedMs) {
        long t = 0;
        long requests = 0;
        while (true) {
            long delay = fixedMs > 0
                    ? fixedMs
                    : p.nextDelay(expected, Duration.ofMillis(t)).toMillis();
            t += delay;
            requests++;
            if (t >= completionMs) {
                return new long[] {requests, t - completionMs};
            }
        }
    }

    @Test
    void needsFortyPercentFewerRequestsThanFixedTwoSecondPollingAtNoWorseP95Delay() {
        Random random = new Random(7);
        Duration expected = policy.expectedProcessing(Resolution.P720, 5);
        List<Long> adaptiveDelays = new ArrayList<>();
        List<Long> fixedDelays = new ArrayList<>();
        long adaptiveRequests = 0;
        long fixedRequests = 0;
        for (int i = 0; i < 2000; i++) {
            long completion = (long) (expected.toMillis() * (0.75 + 0.5 * random.nextDouble()));
            long[] a = run(policy, expected, completion, 0);
            long[] f = run(policy, expected, completion, 2000);
            adaptiveRequests += a[0];
            fixedRequests += f[0];
            adaptiveDelays.add(a[1]);
            fixedDelays.add(f[1]);
        }
        adaptiveDelays.sort(Long::compare);
        fixedDelays.sort(Long::compare);
        long p95Adaptive = adaptiveDelays.get(1899);
        long p95Fixed = fixedDelays.get(1899);
        assertThat(p95Adaptive).isLessThanOrEqualTo(p95Fixed);
        assertThat((double) adaptiveRequests).isLessThanOrEqualTo(0.6 * fixedRequests);
    }

    @Test
    void theWebhookSafetyNetWaitsPastTheExpectedTimeThenPollsEveryMinuteOrMore() {
        PollingPolicy net = PollingPolicy.webhookSafetyNet();
        Duration expected = Duration.ofSeconds(120);
        assertThat(net.nextDelay(expected, Duration.ZERO)).isEqualTo(Duration.ofSeconds(180));
        assertThat(net.nextDelay(expected, Duration.ofSeconds(180))).isEqualTo(Duration.ofSeconds(60));
        assertThat(net.nextDelay(expected, Duration.ofSeconds(480))).isEqualTo(Duration.ofSeconds(120));
        assertThat(net.nextDelay(expected, Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(5));
        // A lost callback of the longest clip (1080p, 15 s: expected 6 minutes) costs minutes, not hours.
        Duration longest = net.expectedProcessing(Resolution.P1080, 15);
        assertThat(net.nextDelay(longest, Duration.ZERO)).isEqualTo(Duration.ofSeconds(540));
    }
}
