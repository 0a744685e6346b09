package io.jenkins.plugins.happyhorse.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The command line's packages form no cycle, and no class grows past 400 lines. */
class CliLayoutTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.happyhorse.cli");

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("io.jenkins.plugins.happyhorse.cli.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void onlyTheEntryPointLivesInTheRootPackageAndNothingImportsIt() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.jenkins.plugins.happyhorse.cli")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.jenkins.plugins.happyhorse.cli")
                .check(CLASSES);
    }

    @Test
    void noMainClassIsOver400Lines() throws IOException {
        Map<Path, Long> lines;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            lines = files.filter(f -> f.toString().endsWith(".java"))
                    .collect(Collectors.toMap(f -> f, CliLayoutTest::count));
        }
        assertThat(lines).isNotEmpty();
        assertThat(lines.entrySet().stream().filter(e -> e.getValue() > 400).map(Map.Entry::getKey))
                .isEmpty();
    }

    private static long count(Path file) {
        try (Stream<String> l = Files.lines(file)) {
            return l.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
