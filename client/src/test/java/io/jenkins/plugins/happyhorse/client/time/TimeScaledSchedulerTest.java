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
        assertThat(ran.await(40, TimeUnit.SECONDS)).isTrue();
        long realMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // Never early; and far from the real minute it would take unscaled (the upper bound only
        // guards against that, however busy the machine).
        assertThat(realMillis).isBetween(60L, 30_000L);
        assertThat(Duration.between(before, s.now())).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(s.recordedDelays()).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void cancelledTasksDoNotRun() throws InterruptedException {
        TimeScaledScheduler s = new TimeScaledScheduler(1000);
        // Both threads of the shared pool are kept busy until the task is cancelled, so it cannot
        // have run before, however slow this thread is.
        CountDownLatch busy = new CountDownLatch(2);
        CountDownLatch free = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            s.execute(() -> {
                busy.countDown();
                try {
                    free.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
        CountDownLatch ran = new CountDownLatch(1);
        Cancellable c = s.schedule(ran::countDown, Duration.ofSeconds(50));
        c.cancel();
        CountDownLatch later = new CountDownLatch(1);
        s.schedule(later::countDown, Duration.ofSeconds(100));
        free.countDown();
        assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.getCount()).isEqualTo(1);
    }
}
