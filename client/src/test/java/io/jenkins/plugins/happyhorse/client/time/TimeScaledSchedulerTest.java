package io.jenkins.plugins.happyhorse.client.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeScaledSchedulerTest {
    @Test
    void runsMinutesOfEngineTimeInMillisecondsAndRecordsDelays() throws InterruptedException {
        TimeScaledScheduler s = new TimeScaledScheduler(1000);
        Instant before = s.now();
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        s.schedule(ran::countDown, Duration.ofMinutes(1));
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        long realMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(realMillis).isBetween(50L, 4000L);
        assertThat(Duration.between(before, s.now())).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(s.recordedDelays()).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void cancelledTasksDoNotRun() throws InterruptedException {
        TimeScaledScheduler s = new TimeScaledScheduler(1000);
        CountDownLatch ran = new CountDownLatch(1);
        Cancellable c = s.schedule(ran::countDown, Duration.ofSeconds(50));
        c.cancel();
        CountDownLatch later = new CountDownLatch(1);
        s.schedule(later::countDown, Duration.ofSeconds(100));
        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.getCount()).isEqualTo(1);
    }
}
