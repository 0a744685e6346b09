package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void optionsConfigureTheSimulator() throws Exception {
        try (Simulator sim = SimulatorMain.parse(
                        new String[] {"--time-scale", "250", "--key", "cli-key", "--seed", "3"})
                .start()) {
            assertThat(sim.timeScale()).isEqualTo(250);
            assertThat(sim.apiKey()).isEqualTo("cli-key");
            assertThat(sim.waveSpeedBaseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(sim.mediaBaseUrl().getPort())
                    .isNotEqualTo(sim.waveSpeedBaseUrl().getPort());
        }
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--port", "x"}))
                .hasMessageStartingWith("--port:");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--seed"})).hasMessageStartingWith("--seed:");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--colour", "red"}))
                .hasMessageStartingWith("--colour:");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--time-scale", "0"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
