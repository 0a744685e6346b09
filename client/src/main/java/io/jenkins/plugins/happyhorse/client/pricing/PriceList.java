package io.jenkins.plugins.happyhorse.client.pricing;

import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The hosts' prices, as configuration rather than constants, because hosts change them.
 *
 * <p>WaveSpeed charges per started 5 seconds of clip, doubled at 1080p: {@code 0.70 × (1080p ? 2 :
 * 1) × duration / 5} USD by default. Atlas Cloud charges per second, by resolution: 0.14 USD at 720p
 * and 0.24 USD at 1080p by default (reseller figures; treat them as an estimate). Model Studio
 * charges per second too, 0.14 USD at 720P and 0.24 USD at 1080P by default (the Singapore
 * console's figures as others quote them; other regions may differ).
 */
public final class PriceList {
    private final BigDecimal waveSpeedPer5Seconds;
    private final BigDecimal waveSpeed1080pFactor;
    private final BigDecimal atlasPerSecond720p;
    private final BigDecimal atlasPerSecond1080p;
    private final BigDecimal modelStudioPerSecond720p;
    private final BigDecimal modelStudioPerSecond1080p;

    private PriceList(Builder b) {
        this.waveSpeedPer5Seconds = b.waveSpeedPer5Seconds;
        this.waveSpeed1080pFactor = b.waveSpeed1080pFactor;
        this.atlasPerSecond720p = b.atlasPerSecond720p;
        this.atlasPerSecond1080p = b.atlasPerSecond1080p;
        this.modelStudioPerSecond720p = b.modelStudioPerSecond720p;
        this.modelStudioPerSecond1080p = b.modelStudioPerSecond1080p;
    }

    /** The documented prices. */
    public static PriceList defaults() {
        return builder().build();
    }

    /** A builder starting from the documented prices. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cost of {@code spec} on its host. */
    public CostEstimate estimate(ClipSpec spec) {
        return estimate(spec.provider(), spec.resolution(), spec.durationSeconds());
    }

    /** The cost of one clip of {@code durationSeconds} at {@code resolution} on {@code provider}. */
    public CostEstimate estimate(ProviderId provider, Resolution resolution, int durationSeconds) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(resolution, "resolution");
        BigDecimal seconds = BigDecimal.valueOf(durationSeconds);
        if (provider == ProviderId.WAVESPEED) {
            BigDecimal factor = resolution == Resolution.P1080 ? waveSpeed1080pFactor : BigDecimal.ONE;
            BigDecimal usd = waveSpeedPer5Seconds
                    .multiply(factor)
                    .multiply(seconds)
                    .divide(BigDecimal.valueOf(5), 2, RoundingMode.HALF_UP);
            String formula = waveSpeedPer5Seconds.toPlainString() + " USD × "
                    + factor.stripTrailingZeros().toPlainString() + " (" + resolution.wire() + ") × " + durationSeconds
                    + " s / 5 s";
            return new CostEstimate(usd, formula, provider);
        }
        BigDecimal perSecond = provider == ProviderId.MODELSTUDIO
                ? (resolution == Resolution.P1080 ? modelStudioPerSecond1080p : modelStudioPerSecond720p)
                : (resolution == Resolution.P1080 ? atlasPerSecond1080p : atlasPerSecond720p);
        BigDecimal usd = perSecond.multiply(seconds).setScale(2, RoundingMode.HALF_UP);
        String formula = perSecond.toPlainString() + " USD/s (" + resolution.wire() + ") × " + durationSeconds + " s";
        return new CostEstimate(usd, formula, provider);
    }

    @Override
    public String toString() {
        return "PriceList{wavespeed=" + waveSpeedPer5Seconds + " USD/5 s ×" + waveSpeed1080pFactor + " at 1080p, "
                + "atlascloud=" + atlasPerSecond720p + "/" + atlasPerSecond1080p + " USD/s, modelstudio="
                + modelStudioPerSecond720p + "/" + modelStudioPerSecond1080p + " USD/s}";
    }

    /** Changes some prices; every price must be zero or more. */
    public static final class Builder {
        private BigDecimal waveSpeedPer5Seconds = new BigDecimal("0.70");
        private BigDecimal waveSpeed1080pFactor = new BigDecimal("2");
        private BigDecimal atlasPerSecond720p = new BigDecimal("0.14");
        private BigDecimal atlasPerSecond1080p = new BigDecimal("0.24");
        private BigDecimal modelStudioPerSecond720p = new BigDecimal("0.14");
        private BigDecimal modelStudioPerSecond1080p = new BigDecimal("0.24");

        private Builder() {}

        /** WaveSpeed's price of 5 seconds at 720p (default 0.70 USD). */
        public Builder waveSpeedPer5Seconds(BigDecimal usd) {
            this.waveSpeedPer5Seconds = nonNegative(usd, "waveSpeedPer5Seconds");
            return this;
        }

        /** WaveSpeed's multiplier at 1080p (default 2). */
        public Builder waveSpeed1080pFactor(BigDecimal factor) {
            this.waveSpeed1080pFactor = nonNegative(factor, "waveSpeed1080pFactor");
            return this;
        }

        /** Atlas Cloud's price per second of clip at {@code resolution}. */
        public Builder atlasCloudPerSecond(Resolution resolution, BigDecimal usd) {
            if (resolution == Resolution.P1080) {
                this.atlasPerSecond1080p = nonNegative(usd, "atlasCloudPerSecond(1080p)");
            } else {
                this.atlasPerSecond720p = nonNegative(usd, "atlasCloudPerSecond(720p)");
            }
            return this;
        }

        /** Model Studio's price per second of clip at {@code resolution} (default 0.14 and 0.24 USD). */
        public Builder modelStudioPerSecond(Resolution resolution, BigDecimal usd) {
            if (resolution == Resolution.P1080) {
                this.modelStudioPerSecond1080p = nonNegative(usd, "modelStudioPerSecond(1080p)");
            } else {
                this.modelStudioPerSecond720p = nonNegative(usd, "modelStudioPerSecond(720p)");
            }
            return this;
        }

        public PriceList build() {
            return new PriceList(this);
        }

        private static BigDecimal nonNegative(BigDecimal value, String name) {
            if (value == null || value.signum() < 0) {
                throw new IllegalArgumentException(name + " must be zero or more, was " + value);
            }
            return value;
        }
    }
}
