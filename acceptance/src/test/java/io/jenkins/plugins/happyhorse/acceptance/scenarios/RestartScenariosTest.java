package io.jenkins.plugins.happyhorse.acceptance.scenarios;

import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.restart.CleanRestartScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.restart.KillScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.KeyConfinementScenario;
import java.util.List;
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
 * The scenarios that restart or kill their controller, on a secured controller of their own
 * (a clean restart, then two crashes), and the key check of that controller's home last.
 */
@DisplayName("A controller that restarts")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class RestartScenariosTest {
    private static Testbed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = Testbed.start("restart", true);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Nested
    @Order(1)
    @DisplayName("Scenario 7: a clean restart while waiting")
    class S07CleanRestart extends CleanRestartScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(2)
    @DisplayName("Scenario 8: SIGKILL of the controller while waiting")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    class S08Sigkill extends KillScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Scenario 12 (restarted controller): the key appears nowhere under JENKINS_HOME")
    class S12KeyConfinement extends KeyConfinementScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }

        @Override
        protected List<String> otherSecrets() {
            return List.of();
        }
    }
}
