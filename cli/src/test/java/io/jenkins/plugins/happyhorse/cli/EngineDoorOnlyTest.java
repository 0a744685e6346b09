package io.jenkins.plugins.happyhorse.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The command line speaks to the engine through its door alone: never to HTTP or a host's class. */
class EngineDoorOnlyTest {

    @Test
    void noCommandReachesBelowTheEngine() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.jenkins.plugins.happyhorse.client.http..",
                        "io.jenkins.plugins.happyhorse.client.provider..")
                .because("the engine (RenderEngine) is the only door into the client")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.jenkins.plugins.happyhorse.cli"));
    }
}
