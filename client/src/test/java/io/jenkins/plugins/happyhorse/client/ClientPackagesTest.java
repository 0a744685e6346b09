package io.jenkins.plugins.happyhorse.client;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's packages depend on each other in one direction only, lowest first: a package may
 * use the ones listed for it and none above it (see {@code docs/design/engine-layout.md}).
 */
class ClientPackagesTest {
    private static final String BASE = "io.jenkins.plugins.happyhorse.client";

    /** Each package and the client packages it may use; the JDK and libraries are always allowed. */
    private static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("spec", List.of());
        MAY_USE.put("error", List.of("spec"));
        MAY_USE.put("time", List.of());
        MAY_USE.put("connection", List.of());
        MAY_USE.put("request", List.of("spec", "error"));
        MAY_USE.put("pricing", List.of("spec"));
        MAY_USE.put("job", List.of("spec"));
        MAY_USE.put("media", List.of("spec", "error"));
        MAY_USE.put("http", List.of("connection", "error", "time"));
        MAY_USE.put("webhook", List.of("spec", "job"));
        MAY_USE.put("provider", List.of("spec", "error", "connection", "job", "http", "webhook"));
        MAY_USE.put("durable", List.of());
        MAY_USE.put("admission", List.of());
        MAY_USE.put("spend", List.of("error", "durable"));
        MAY_USE.put("reuse", List.of("spec", "durable"));
        MAY_USE.put(
                "engine",
                List.of(
                        "spec",
                        "error",
                        "time",
                        "connection",
                        "request",
                        "pricing",
                        "job",
                        "media",
                        "http",
                        "webhook",
                        "provider",
                        "durable",
                        "admission",
                        "spend",
                        "reuse"));
        MAY_USE.put("receiver", List.of("engine", "webhook"));
    }

    private static JavaClasses client;

    @BeforeAll
    static void importClient() {
        client = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void everyPackageIsKnownAndNothingIsLeftInTheRoot() {
        assertThat(client.stream().map(c -> c.getPackageName()).distinct())
                .allSatisfy(p -> assertThat(MAY_USE).containsKey(p.substring(BASE.length() + 1)));
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        MAY_USE.forEach((pkg, allowed) -> {
            String[] permitted =
                    allowed.stream().map(p -> BASE + "." + p + "..").toArray(String[]::new);
            classes()
                    .that()
                    .resideInAPackage(BASE + "." + pkg + "..")
                    .should()
                    .onlyDependOnClassesThat(not(resideInAPackage(BASE + ".."))
                            .or(resideInAPackage(BASE + "." + pkg + ".."))
                            .or(resideInAnyPackage(permitted)))
                    .because("package " + pkg + " may use only " + allowed)
                    .check(client);
        });
    }

    @Test
    void theBottomPackageUsesNoOtherClientPackage() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".spec..")
                .should()
                .dependOnClassesThat(resideInAPackage(BASE + "..").and(not(resideInAPackage(BASE + ".spec.."))))
                .check(client);
    }

    @Test
    void theDraftKnowsNoProviderAndNoMedia() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".request..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".provider..", BASE + ".media..")
                .check(client);
    }

    @Test
    void theBooksKnowNoHostAndNoHttp() {
        // Budgets, ledger, reuse and admission are libraries the command line and the plugin use
        // directly: they must not reach into how the engine talks to hosts.
        noClasses()
                .that()
                .resideInAnyPackage(BASE + ".spend..", BASE + ".reuse..", BASE + ".admission..", BASE + ".durable..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".http..", BASE + ".provider..", BASE + ".engine..")
                .check(client);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(client);
    }
}
