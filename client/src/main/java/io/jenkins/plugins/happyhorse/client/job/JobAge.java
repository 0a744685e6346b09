package io.jenkins.plugins.happyhorse.client.job;

import java.time.Duration;
import java.util.Locale;

/** How old a job is, in words for messages: {@code 26 h 5 min}, {@code 12 min}, {@code 40 s}. */
public final class JobAge {
    private JobAge() {}

    /** {@code age} in hours and minutes (or seconds, under a minute); a negative age counts as none. */
    public static String describe(Duration age) {
        Duration a = age.isNegative() ? Duration.ZERO : age;
        long hours = a.toHours();
        long minutes = a.toMinutesPart();
        if (hours > 0) {
            return String.format(Locale.ROOT, "%d h %d min", hours, minutes);
        }
        if (minutes > 0) {
            return minutes + " min";
        }
        return a.toSeconds() + " s";
    }
}
