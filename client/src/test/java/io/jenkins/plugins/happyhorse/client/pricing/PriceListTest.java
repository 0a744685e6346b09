package io.jenkins.plugins.happyhorse.client.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceListTest {
    private final PriceList prices = PriceList.defaults();

    @Test
    void waveSpeedChargesSeventyCentsPerFiveSecondsDoubledAt1080p() {
        assertThat(prices.estimate(ProviderId.WAVESPEED, Resolution.P720, 3).usd())
                .isEqualByComparingTo("0.42");
        assertThat(prices.estimate(ProviderId.WAVESPEED, Resolution.P720, 5).usd())
                .isEqualByComparingTo("0.70");
        assertThat(prices.estimate(ProviderId.WAVESPEED, Resolution.P1080, 15).usd())
                .isEqualByComparingTo("4.20");
        assertThat(prices.estimate(ProviderId.WAVESPEED, Resolution.P1080, 10).formula())
                .isEqualTo("0.70 USD × 2 (1080p) × 10 s / 5 s");
    }

    @Test
    void atlasCloudChargesPerSecondByResolution() {
        assertThat(prices.estimate(ProviderId.ATLASCLOUD, Resolution.P720, 5).usd())
                .isEqualByComparingTo("0.70");
        assertThat(prices.estimate(ProviderId.ATLASCLOUD, Resolution.P1080, 10).usd())
                .isEqualByComparingTo("2.40");
    }

    @Test
    void modelStudioChargesPerSecondByResolution() {
        assertThat(prices.estimate(ProviderId.MODELSTUDIO, Resolution.P720, 5).usd())
                .isEqualByComparingTo("0.70");
        assertThat(prices.estimate(ProviderId.MODELSTUDIO, Resolution.P1080, 15).usd())
                .isEqualByComparingTo("3.60");
        assertThat(prices.estimate(ProviderId.MODELSTUDIO, Resolution.P1080, 10).formula())
                .isEqualTo("0.24 USD/s (1080p) × 10 s");
        PriceList custom = PriceList.builder()
                .modelStudioPerSecond(Resolution.P1080, new BigDecimal("0.30"))
                .build();
        assertThat(custom.estimate(ProviderId.MODELSTUDIO, Resolution.P1080, 10).usd())
                .isEqualByComparingTo("3.00");
        assertThat(custom.estimate(ProviderId.ATLASCLOUD, Resolution.P1080, 10).usd())
                .isEqualByComparingTo("2.40");
    }

    @Test
    void pricesAreConfiguration() {
        PriceList custom = PriceList.builder()
                .atlasCloudPerSecond(Resolution.P720, new BigDecimal("0.10"))
                .waveSpeedPer5Seconds(new BigDecimal("1.00"))
                .build();
        assertThat(custom.estimate(ProviderId.ATLASCLOUD, Resolution.P720, 5).usd())
                .isEqualByComparingTo("0.50");
        assertThat(custom.estimate(ProviderId.WAVESPEED, Resolution.P720, 5).usd())
                .isEqualByComparingTo("1.00");
    }
}
