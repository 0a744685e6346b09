package io.jenkins.plugins.happyhorse.bench;

/**
 * The sizes and time scales of every scenario. {@link #full()} is what the documented figures
 * come from; {@link #small()} runs the same code with small counts in well under a minute, to
 * check the harness.
 *
 * @param quick whether these are the small settings
 * @param pollingRenders renders per polling variant
 * @param pollingScale time scale of the polling scenario
 * @param webhookScale time scale of the polling scenario's run with the hosts' callbacks delivered:
 *     lower than {@code pollingScale}, because a callback's real round trip (a TLS connection, the
 *     receiver, the confirming poll) is longer than a poll's reply, and the scale multiplies it
 * @param pollingWindowSeconds the polling renders start spread over this many simulated seconds
 * @param scaleRenders renders of the 1,000-render scenario
 * @param scaleScale its time scale
 * @param baselineIntervalSeconds the baseline's polling interval in that scenario, simulated seconds
 * @param hugeRenders renders of the 10,000-render scenario
 * @param hugeScale its time scale
 * @param imageCount reference images uploaded by the file scenario
 * @param imageBytes size of each (at most 20 MiB)
 * @param downloadBytes size of the clip downloaded by the file scenario
 * @param fileRepetitions timed repetitions of each transfer (the median is reported)
 */
public record Settings(
        boolean quick,
        int pollingRenders,
        double pollingScale,
        double webhookScale,
        double pollingWindowSeconds,
        int scaleRenders,
        double scaleScale,
        double baselineIntervalSeconds,
        int hugeRenders,
        double hugeScale,
        int imageCount,
        long imageBytes,
        long downloadBytes,
        int fileRepetitions) {

    /** The documented run. */
    public static Settings full() {
        return new Settings(false, 200, 10, 2, 30, 1000, 5, 2, 10_000, 2, 9, 20_000_000, 512L * 1024 * 1024, 5);
    }

    /** A small run that checks the harness. */
    public static Settings small() {
        return new Settings(true, 20, 20, 20, 10, 100, 20, 2, 300, 20, 3, 2_000_000, 32L * 1024 * 1024, 1);
    }
}
