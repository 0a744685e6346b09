package io.jenkins.plugins.happyhorse.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.pricing.PriceList;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The price overrides of the global configuration, as typed (blank means the host's documented
 * price). {@link #toPriceList()} turns them into the engine's {@link PriceList} and names the
 * setting at fault when one cannot be read.
 *
 * @param waveSpeedPer5Seconds WaveSpeed's price of 5 seconds at 720p, in USD
 * @param waveSpeed1080pFactor WaveSpeed's multiplier at 1080p
 * @param atlasCloudPerSecond720p Atlas Cloud's price per second at 720p, in USD
 * @param atlasCloudPerSecond1080p Atlas Cloud's price per second at 1080p, in USD
 * @param modelStudioPerSecond720p Model Studio's price per second at 720p, in USD
 * @param modelStudioPerSecond1080p Model Studio's price per second at 1080p, in USD
 */
public record PriceSettings(
        @CheckForNull String waveSpeedPer5Seconds,
        @CheckForNull String waveSpeed1080pFactor,
        @CheckForNull String atlasCloudPerSecond720p,
        @CheckForNull String atlasCloudPerSecond1080p,
        @CheckForNull String modelStudioPerSecond720p,
        @CheckForNull String modelStudioPerSecond1080p) {

    /** Overrides of the resellers' prices only; Model Studio's stay as documented. */
    public PriceSettings(
            @CheckForNull String waveSpeedPer5Seconds,
            @CheckForNull String waveSpeed1080pFactor,
            @CheckForNull String atlasCloudPerSecond720p,
            @CheckForNull String atlasCloudPerSecond1080p) {
        this(waveSpeedPer5Seconds, waveSpeed1080pFactor, atlasCloudPerSecond720p, atlasCloudPerSecond1080p, null, null);
    }

    /** The engine's price list with these overrides applied. */
    public PriceList toPriceList() {
        PriceList.Builder builder = PriceList.builder();
        if (waveSpeedPer5Seconds != null) {
            builder.waveSpeedPer5Seconds(require("waveSpeedPricePer5Seconds", waveSpeedPer5Seconds));
        }
        if (waveSpeed1080pFactor != null) {
            builder.waveSpeed1080pFactor(require("waveSpeed1080pFactor", waveSpeed1080pFactor));
        }
        if (atlasCloudPerSecond720p != null) {
            builder.atlasCloudPerSecond(
                    Resolution.P720, require("atlasCloudPricePerSecond720p", atlasCloudPerSecond720p));
        }
        if (atlasCloudPerSecond1080p != null) {
            builder.atlasCloudPerSecond(
                    Resolution.P1080, require("atlasCloudPricePerSecond1080p", atlasCloudPerSecond1080p));
        }
        if (modelStudioPerSecond720p != null) {
            builder.modelStudioPerSecond(
                    Resolution.P720, require("modelStudioPricePerSecond720p", modelStudioPerSecond720p));
        }
        if (modelStudioPerSecond1080p != null) {
            builder.modelStudioPerSecond(
                    Resolution.P1080, require("modelStudioPricePerSecond1080p", modelStudioPerSecond1080p));
        }
        return builder.build();
    }

    /** A decimal number, or empty when {@code text} is not one. */
    static Optional<BigDecimal> parse(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal require(String setting, String text) {
        return parse(text)
                .filter(price -> price.signum() >= 0)
                .orElseThrow(() ->
                        new IllegalArgumentException(Messages.HappyHorseConfiguration_InvalidSetting(setting, text)));
    }
}
