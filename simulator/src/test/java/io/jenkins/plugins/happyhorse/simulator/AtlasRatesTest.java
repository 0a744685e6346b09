package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AtlasRatesTest extends SimulatorTestSupport {

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return builder.atlasCloudRates(new BigDecimal("0.10"), new BigDecimal("0.30"));
    }

    @Test
    void atlasRatesAreConfigurable() throws Exception {
        submitAtlas(atlasBody("duration", 4));
        submitAtlas(atlasBody("duration", 3, "resolution", "1080P"));

        assertThat(sim.stats().charges(Host.ATLASCLOUD)).isEqualByComparingTo("1.30");
    }
}
