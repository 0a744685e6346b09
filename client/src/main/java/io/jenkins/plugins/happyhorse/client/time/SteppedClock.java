package io.jenkins.plugins.happyhorse.client.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A {@link SteppedScheduler}'s clock seen as a {@link Clock}: it reads the scheduler's instant in any zone. */
final class SteppedClock extends Clock {
    private final SteppedScheduler scheduler;
    private final ZoneId zone;

    SteppedClock(SteppedScheduler scheduler, ZoneId zone) {
        this.scheduler = scheduler;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return scheduler.now();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new SteppedClock(scheduler, other);
    }
}
