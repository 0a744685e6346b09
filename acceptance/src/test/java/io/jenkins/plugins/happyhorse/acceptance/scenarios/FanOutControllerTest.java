package io.jenkins.plugins.happyhorse.acceptance.scenarios;

import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.HappyHorseSettings;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.fanout.LowestLevelFanOutScenario;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * A controller whose WaveSpeed account is at the host's lowest level (3 jobs at once, 5 videos a
 * minute): the simulator refuses any submit beyond that with 429, as the host does, and the
 * plugin runs with its default admission (3 renders at once per host account to begin with, at
 * most 10) and completion by webhook on, as a nightly controller would: a slot is given back as
 * soon as the host calls back, not at the next poll. (The engine polls on the real clock while
 * the simulator's time runs ten times faster, so by polling alone every job would be seen minutes
 * of simulated time late, and the wall time would measure the polls rather than the fan-out.)
 */
@DisplayName("A controller on WaveSpeed's lowest account level")
class FanOutControllerTest {
    private static Testbed bed;

    @BeforeAll
    static void startController() throws Exception {
        bed = Testbed.start(
                "fanout",
                true,
                List.of("--account-level", "wavespeed=lowest", "--webhooks-over-http", "--webhook-real-time"));
        new HappyHorseSettings(bed.jenkins().scriptConsole())
                .set("initialConcurrentRenders", 3)
                .set("maxConcurrentRenders", 10)
                .set("webhooksEnabled", true)
                .set("webhookUrl", bed.jenkins().url() + "happyhorse-webhook/")
                .apply();
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Nested
    @DisplayName("Scenario 19: a nightly fan-out of 20 clips at WaveSpeed's lowest level")
    class S19LowestLevelFanOut extends LowestLevelFanOutScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }
}
