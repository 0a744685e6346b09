package io.jenkins.plugins.happyhorse.acceptance.scenarios;

import io.jenkins.plugins.happyhorse.acceptance.harness.Testbed;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.AbortScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.AtlasCloudScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.BadInputScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.BuildPageBrowserScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.CredentialsScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.DeclarativePipelineScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.FreestyleScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.GlobalConfigurationBrowserScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.KeyConfinementScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ModelStudioScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.OutsideNodeScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ParallelRendersScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.ScriptedPipelineScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.SecurityScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.SnippetGeneratorScenario;
import io.jenkins.plugins.happyhorse.acceptance.scenarios.shared.SpendPageBrowserScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;

/**
 * The scenarios that share one secured controller and one simulator, in order. The renders of
 * scenarios 1, 2, 3, 17 and 5 (inside {@code node {}} or freestyle) are started together at the
 * beginning and awaited by their scenarios; the scenarios that assert that no executor is busy
 * run alone after them. Scenario 18 reads the spend page once every render of the controller is
 * done. Scenario 12 comes last, after every build of this controller.
 */
@DisplayName("One secured controller")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SharedControllerTest {
    private static Testbed bed;

    @BeforeAll
    static void startControllerAndEarlyRenders() throws Exception {
        bed = Testbed.start("shared", true);
        ScriptedPipelineScenario.build(bed);
        if (DeclarativePipelineScenario.available(bed)) {
            DeclarativePipelineScenario.build(bed);
        }
        AtlasCloudScenario.build(bed);
        ModelStudioScenario.build(bed);
        FreestyleScenario.build(bed);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Nested
    @Order(1)
    @DisplayName("Scenario 1: scripted Pipeline in node {} with two workspace images")
    class S01ScriptedPipeline extends ScriptedPipelineScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(2)
    @DisplayName("Scenario 2: Declarative Pipeline")
    class S02DeclarativePipeline extends DeclarativePipelineScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Scenario 3: Atlas Cloud")
    class S03AtlasCloud extends AtlasCloudScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(4)
    @DisplayName("Scenario 17: Model Studio with the region and credential of the global configuration")
    class S17ModelStudio extends ModelStudioScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(5)
    @DisplayName("Scenario 5: freestyle job")
    class S05Freestyle extends FreestyleScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(6)
    @DisplayName("Scenario 4: outside node {} with https image URLs, no executor busy")
    class S04OutsideNode extends OutsideNodeScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(7)
    @DisplayName("Scenario 6: 20 renders in parallel branches outside node {}")
    class S06ParallelRenders extends ParallelRendersScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(8)
    @DisplayName("Scenario 9: abort while waiting")
    class S09Abort extends AbortScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(9)
    @DisplayName("Scenario 10: bad inputs in a workspace that does not exist yet")
    class S10BadInput extends BadInputScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(10)
    @DisplayName("Scenario 11: missing, wrong-kind and refused credentials")
    class S11Credentials extends CredentialsScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(11)
    @DisplayName("Scenario 13: the Snippet Generator")
    class S13SnippetGenerator extends SnippetGeneratorScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(12)
    @DisplayName("Scenario 14: the build page in headless Chromium")
    class S14BuildPageInBrowser extends BuildPageBrowserScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(13)
    @DisplayName("Scenario 15: the global configuration in headless Chromium")
    class S15GlobalConfigurationInBrowser extends GlobalConfigurationBrowserScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(14)
    @DisplayName("Scenario 16: security")
    class S16Security extends SecurityScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(15)
    @DisplayName("Scenario 18: the spend page in headless Chromium, to the cent")
    class S18SpendPageInBrowser extends SpendPageBrowserScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }

    @Nested
    @Order(99)
    @DisplayName("Scenario 12: after all builds, the key appears nowhere under JENKINS_HOME")
    class S12KeyConfinement extends KeyConfinementScenario {
        @Override
        protected Testbed bed() {
            return bed;
        }
    }
}
