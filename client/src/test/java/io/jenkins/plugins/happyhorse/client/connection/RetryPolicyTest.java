package io.jenkins.plugins.happyhorse.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void backoffGrowsExponentiallyUpToTheCapWithFullJitter() {
        RetryPolicy p = RetryPolicy.builder()
                .baseDelay(Duration.ofSeconds(1))
                .maxDelay(Duration.ofSeconds(10))
                .random(new Random(1))
                .build();
        assertThat(p.ceilingMillis(1)).isEqualTo(1000);
        assertThat(p.ceilingMillis(2)).isEqualTo(2000);
        assertThat(p.ceilingMillis(4)).isEqualTo(8000);
        assertThat(p.ceilingMillis(5)).isEqualTo(10000);
        assertThat(p.ceilingMillis(60)).isEqualTo(10000);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 500; i++) {
            long d = p.backoff(4).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isLessThan(1000);
        assertThat(max).isGreaterThan(7000).isLessThanOrEqualTo(8000);
    }

    @Test
    void aSeededRandomGivesTheSameDelays() {
        RetryPolicy a = RetryPolicy.builder().random(new Random(42)).build();
        RetryPolicy b = RetryPolicy.builder().random(new Random(42)).build();
        for (int i = 1; i < 6; i++) {
            assertThat(a.backoff(i)).isEqualTo(b.backoff(i));
        }
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(RetryPolicy.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 10:00:30 GMT", now))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 09:00:00 GMT", now))
                .contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isEmpty();
    }
}
