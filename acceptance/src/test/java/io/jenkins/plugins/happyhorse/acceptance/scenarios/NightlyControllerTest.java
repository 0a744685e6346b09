package io.jenkins.plugins.happyhorse.acceptance.scenarios;

import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.pages.HappyHorseSettings;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.BudgetFanOutScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.NightlyJobs;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.NightlyRerunScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.nightly.SharedDigestScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scenarios of a nightly job that pays only for what changed, on a controller of its own (its
 * render store and spend ledger start empty): the first night, the twenty branches sharing one
 * clip and the fan-out that reaches its job's budget start together, then the later nights run;
 * the ledger is compared with the host's charges last.
 */
@DisplayName("A nightly controller that pays only for what changed")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class NightlyControllerTest {
    private static Testbed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = Testbed.start("nightly", true);
        // All three wait for the host at the same time: 33 renders, none queued for a slot.
        new HappyHorseSettings(bed.jenkins().scriptConsole())
                .set("maxConcurrentRenders", 40)
                .apply();
        BudgetFanOutScenario.start(bed);
        NightlyJobs.firstNight(bed);
        NightlyJobs.sharedDigest(bed);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Nested
    @Order(1)
    @DisplayName("Scenario N1: a nightly job run again with unchanged inputs, then one picture changed")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    class N01Nightly extends NightlyRerunScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(2)
    @DisplayName("Scenario N2: twenty parallel branches sharing one digest")
    class N02SharedDigest extends SharedDigestScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Scenario N3: a budget reached in the middle of a parallel fan-out")
    class N03BudgetFanOut extends BudgetFanOutScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }
}
