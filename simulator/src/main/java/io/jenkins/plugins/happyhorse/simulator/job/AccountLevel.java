package io.jenkins.plugins.happyhorse.simulator.job;

/**
 * A host account's rate limits: how many jobs it may have unfinished at once and how many it may
 * submit in any minute (simulated time). WaveSpeed sells levels, from 3 concurrent jobs and 5
 * videos a minute at the lowest to 2000 and 600 at the highest [doc]; a submit beyond them is
 * refused with 429, creating and charging nothing. 0 means no limit.
 *
 * @param concurrentJobs unfinished jobs allowed at once, 0 for no limit
 * @param videosPerMinute submits accepted in any 60 s, 0 for no limit
 */
public record AccountLevel(int concurrentJobs, int videosPerMinute) {
    /** No limits (the default). */
    public static final AccountLevel UNLIMITED = new AccountLevel(0, 0);

    /** WaveSpeed's lowest level: 3 concurrent jobs, 5 videos per minute [doc]. */
    public static final AccountLevel WAVESPEED_LOWEST = new AccountLevel(3, 5);

    /** WaveSpeed's highest published level: 2000 concurrent jobs, 600 videos per minute [doc]. */
    public static final AccountLevel WAVESPEED_HIGHEST = new AccountLevel(2000, 600);

    public AccountLevel {
        if (concurrentJobs < 0 || videosPerMinute < 0) {
            throw new IllegalArgumentException("an account level's limits are 0 (none) or more, were " + concurrentJobs
                    + " concurrent jobs and " + videosPerMinute + " videos per minute");
        }
    }

    /** {@code concurrentJobs} at once and {@code videosPerMinute} a minute. */
    public static AccountLevel of(int concurrentJobs, int videosPerMinute) {
        return new AccountLevel(concurrentJobs, videosPerMinute);
    }

    /**
     * Parses {@code C/M} (e.g. {@code 3/5}: 3 concurrent jobs, 5 videos per minute), {@code lowest}
     * (WaveSpeed's lowest level) or {@code unlimited}.
     */
    public static AccountLevel parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("lowest")) {
            return WAVESPEED_LOWEST;
        }
        if (t.equalsIgnoreCase("unlimited")) {
            return UNLIMITED;
        }
        int slash = t.indexOf('/');
        try {
            return of(Integer.parseInt(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("account level: '" + text + "' is not allowed; allowed: C/M (C"
                    + " concurrent jobs, M videos per minute, e.g. 3/5), lowest or unlimited");
        }
    }

    /** Whether it limits anything. */
    public boolean limited() {
        return concurrentJobs > 0 || videosPerMinute > 0;
    }
}
