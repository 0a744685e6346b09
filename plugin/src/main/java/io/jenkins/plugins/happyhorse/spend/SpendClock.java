package io.jenkins.plugins.happyhorse.spend;

import java.time.Clock;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The clock and time zone the spend pages count days and months in: the controller's own, so that
 * "today" on the page is the controller's day. Tests set a fixed clock, so that a page rendered
 * around midnight or at the end of a month shows what they expect.
 */
@Restricted(NoExternalUse.class)
public final class SpendClock {
    private static volatile Clock clock = Clock.systemDefaultZone();

    private SpendClock() {}

    /** The clock the pages use now. */
    public static Clock get() {
        return clock;
    }

    /** Sets the clock (tests); {@code null} restores the controller's own. */
    static void set(Clock fixed) {
        clock = fixed == null ? Clock.systemDefaultZone() : fixed;
    }
}
