package io.jenkins.plugins.happyhorse.simulator.job;

import io.jenkins.plugins.happyhorse.simulator.Host;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What each host charges for a job, in USD. WaveSpeed's price is fixed by its documentation
 * ({@code 0.70 x (1080p ? 2 : 1) x duration / 5}); Atlas Cloud's and Model Studio's per-second
 * rates are only known from resellers quoting a console, so they are configurable.
 */
public final class PriceSheet {
    private static final BigDecimal WAVESPEED_PER_FIVE_SECONDS = new BigDecimal("0.70");
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal DEFAULT_720P = new BigDecimal("0.14");
    private static final BigDecimal DEFAULT_1080P = new BigDecimal("0.24");

    private final BigDecimal atlasPerSecond720p;
    private final BigDecimal atlasPerSecond1080p;
    private final BigDecimal modelStudioPerSecond720p;
    private final BigDecimal modelStudioPerSecond1080p;

    /** Atlas Cloud rates in USD per second of clip at 720p and at 1080p; Model Studio's defaults. */
    public PriceSheet(BigDecimal atlasPerSecond720p, BigDecimal atlasPerSecond1080p) {
        this(atlasPerSecond720p, atlasPerSecond1080p, DEFAULT_720P, DEFAULT_1080P);
    }

    /** Atlas Cloud's and Model Studio's rates in USD per second of clip at 720p and at 1080p. */
    public PriceSheet(
            BigDecimal atlasPerSecond720p,
            BigDecimal atlasPerSecond1080p,
            BigDecimal modelStudioPerSecond720p,
            BigDecimal modelStudioPerSecond1080p) {
        this.atlasPerSecond720p = Objects.requireNonNull(atlasPerSecond720p, "atlasPerSecond720p");
        this.atlasPerSecond1080p = Objects.requireNonNull(atlasPerSecond1080p, "atlasPerSecond1080p");
        this.modelStudioPerSecond720p = Objects.requireNonNull(modelStudioPerSecond720p, "modelStudioPerSecond720p");
        this.modelStudioPerSecond1080p = Objects.requireNonNull(modelStudioPerSecond1080p, "modelStudioPerSecond1080p");
    }

    /** Atlas Cloud and Model Studio both at 0.14 USD/s (720p) and 0.24 USD/s (1080p). */
    public static PriceSheet defaults() {
        return new PriceSheet(DEFAULT_720P, DEFAULT_1080P);
    }

    /** The charge for one job. */
    public BigDecimal price(Host host, JobParameters parameters) {
        BigDecimal seconds = BigDecimal.valueOf(parameters.durationSeconds());
        if (host == Host.WAVESPEED) {
            BigDecimal multiplier = BigDecimal.valueOf(parameters.is1080p() ? 2 : 1);
            return WAVESPEED_PER_FIVE_SECONDS
                    .multiply(multiplier)
                    .multiply(seconds)
                    .divide(FIVE);
        }
        if (host == Host.MODELSTUDIO) {
            return (parameters.is1080p() ? modelStudioPerSecond1080p : modelStudioPerSecond720p).multiply(seconds);
        }
        return (parameters.is1080p() ? atlasPerSecond1080p : atlasPerSecond720p).multiply(seconds);
    }
}
