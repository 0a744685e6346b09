package io.jenkins.plugins.happyhorse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.elements.GivenMethodsConjunction;
import hudson.model.Descriptor;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * Rules every class of the plugin keeps, checked on its compiled classes: the packages form layers
 * without a cycle, nothing reaches below the engine's door, form end points are POST-only and
 * check a permission, data-bound classes are public, and nothing blocks on a thread or prints to
 * the console.
 *
 * <p>Each rule is a test of its own, run by JUnit Jupiter itself (not ArchUnit's own engine, which
 * a build may not pick up), so that a build's test count shows every rule ran.
 */
class PluginArchitectureTest {

    private static final String ROOT = "io.jenkins.plugins.happyhorse";

    /** Methods that check a permission, directly or through the plugin's own helpers. */
    private static final Set<String> PERMISSION_CHECKS = Set.of(
            "checkPermission",
            "hasPermission",
            "mayConfigure",
            "mayReadConfiguration",
            "mayListCredentials",
            "mayAdminister",
            "forItem",
            "forGlobalConfiguration");

    private static JavaClasses classes;

    /**
     * The plugin's main classes only: the engine ({@code client}) and the simulator share the root
     * package but are modules with rules of their own (the simulator's command line, for one, prints
     * to the console), and test classes are left out wherever the build puts them.
     */
    @BeforeAll
    static void importThePluginsClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(PluginArchitectureTest::isPluginMainClass)
                .importPackages(ROOT);
        assertThat(classes).as("the plugin's classes").hasSizeGreaterThan(30);
    }

    private static boolean isPluginMainClass(Location location) {
        return !location.contains("/io/jenkins/plugins/happyhorse/client/")
                && !location.contains("/io/jenkins/plugins/happyhorse/simulator/")
                && !location.contains("/test-classes/");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Lowest first: workspace (agent-side checks), form (field checks and lists), config (the
     * global configuration), engine (the controller's engines and slots), action (the build page),
     * credentials, spend (the controller's ledger) and reuse (the controller's render store), render
     * (one render, step-independent), then the two steps.
     */
    @Test
    void packagesAreLayeredLowestFirst() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("workspace")
                .definedBy(ROOT + ".workspace..")
                .layer("form")
                .definedBy(ROOT + ".form..")
                .layer("config")
                .definedBy(ROOT + ".config..")
                .layer("engine")
                .definedBy(ROOT + ".engine..")
                .layer("action")
                .definedBy(ROOT + ".action..")
                .layer("credentials")
                .definedBy(ROOT + ".credentials..")
                .layer("spend")
                .definedBy(ROOT + ".spend..")
                .layer("reuse")
                .definedBy(ROOT + ".reuse..")
                .layer("render")
                .definedBy(ROOT + ".render..")
                .layer("pipeline")
                .definedBy(ROOT + ".pipeline..")
                .layer("freestyle")
                .definedBy(ROOT + ".freestyle..")
                .layer("webhook")
                .definedBy(ROOT + ".webhook..")
                .whereLayer("webhook")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("freestyle")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("pipeline")
                .mayOnlyBeAccessedByLayers("freestyle")
                .whereLayer("render")
                .mayOnlyBeAccessedByLayers("pipeline", "freestyle")
                .whereLayer("credentials")
                .mayOnlyBeAccessedByLayers("render")
                .whereLayer("spend")
                .mayOnlyBeAccessedByLayers("render")
                .whereLayer("reuse")
                .mayOnlyBeAccessedByLayers("render")
                .whereLayer("action")
                .mayOnlyBeAccessedByLayers("render")
                .whereLayer("engine")
                .mayOnlyBeAccessedByLayers("render", "pipeline", "freestyle", "webhook")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("engine", "render", "pipeline", "freestyle", "webhook")
                .whereLayer("form")
                .mayOnlyBeAccessedByLayers("config", "render", "pipeline", "freestyle")
                .whereLayer("workspace")
                .mayOnlyBeAccessedByLayers("form", "render", "pipeline", "freestyle")
                .check(classes);
    }

    /** The engine is the only door: nothing of the plugin reaches its HTTP layer or a host's class. */
    @Test
    void nothingReachesBelowTheEnginesDoor() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".client.http..", ROOT + ".client.provider..")
                .because("the plugin speaks to the engine through RenderEngine and its values only")
                .check(classes);
    }

    @Test
    void formEndPointsArePostOnly() {
        formEndPoints()
                .should()
                .beAnnotatedWith(POST.class)
                .andShould()
                .bePublic()
                .check(classes);
    }

    @Test
    void formEndPointsCheckAPermission() {
        formEndPoints().should(callAPermissionCheck()).check(classes);
    }

    @Test
    void dataBoundConstructorsAreInPublicClasses() {
        constructors()
                .that()
                .areAnnotatedWith(DataBoundConstructor.class)
                .should()
                .beDeclaredInClassesThat()
                .arePublic()
                .check(classes);
    }

    @Test
    void dataBoundSettersAreInPublicClasses() {
        methods()
                .that()
                .areAnnotatedWith(DataBoundSetter.class)
                .should()
                .beDeclaredInClassesThat()
                .arePublic()
                .check(classes);
    }

    @Test
    void nothingSleeps() {
        noClasses()
                .should()
                .callMethod(Thread.class, "sleep", long.class)
                .because("waits are timer tasks, so that a waiting render holds no thread")
                .check(classes);
    }

    @Test
    void nothingPrintsToTheConsole() {
        noClasses()
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .because("messages go to the build log or a java.util.logging logger")
                .check(classes);
    }

    /** Stapler serves every {@code doFill…} and {@code doCheck…} method of a descriptor as a URL. */
    private static GivenMethodsConjunction formEndPoints() {
        return methods()
                .that()
                .areDeclaredInClassesThat()
                .areAssignableTo(Descriptor.class)
                .and()
                .haveNameMatching("do(Check|Fill)[A-Z].*");
    }

    private static ArchCondition<JavaMethod> callAPermissionCheck() {
        return new ArchCondition<>("call a permission check") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean checks = method.getMethodCallsFromSelf().stream()
                        .anyMatch(call ->
                                PERMISSION_CHECKS.contains(call.getTarget().getName()));
                events.add(new SimpleConditionEvent(
                        method,
                        checks,
                        method.getFullName() + (checks ? " checks" : " does not check") + " a permission"));
            }
        };
    }
}
