package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ModelStudioRatesTest extends ModelStudioTestSupport {

    @Override
    Simulator.Builder configure(Simulator.Builder builder) {
        return super.configure(builder).modelStudioRates(new BigDecimal("0.10"), new BigDecimal("0.20"));
    }

    @Test
    void chargesUseTheConfiguredPerSecondRatesPerResolution() throws Exception {
        submitModelStudio(msBody());
        var body = msBody();
        parameters(body).put("resolution", "1080P").put("duration", 10);
        submitModelStudio(body);

        assertThat(sim.stats().charges(Host.MODELSTUDIO)).isEqualByComparingTo("2.50");
        assertThat(sim.stats().submissions(Host.MODELSTUDIO)).isEqualTo(2);
        assertThat(sim.stats().charges(Host.ATLASCLOUD)).isEqualByComparingTo("0");
    }
}
