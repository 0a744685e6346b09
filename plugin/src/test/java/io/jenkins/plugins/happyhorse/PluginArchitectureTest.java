package io.jenkins.plugins.happyhorse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import hudson.model.Descriptor;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * Rules every class of the plugin keeps, checked on the compiled classes: form end points are
 * POST-only and check a permission, data-bound classes are public, and nothing in the plugin
 * blocks on a thread or prints to the console.
 */
@AnalyzeClasses(
        packages = "io.jenkins.plugins.happyhorse",
        importOptions = {ImportOption.DoNotIncludeTests.class, PluginArchitectureTest.PluginClassesOnly.class})
class PluginArchitectureTest {

    /**
     * The engine ({@code client}) and the simulator share the plugin's root package but are other
     * modules with rules of their own; the simulator's command line, for one, prints to the console.
     * Test classes are left out wherever the build puts them ({@code -Dhh.target=target-x} moves
     * them out of the {@code target/test-classes} that {@link ImportOption.DoNotIncludeTests} knows).
     */
    static final class PluginClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/io/jenkins/plugins/happyhorse/client/")
                    && !location.contains("/io/jenkins/plugins/happyhorse/simulator/")
                    && !location.contains("/test-classes/");
        }
    }

    /** Methods that check a permission, directly or through the plugin's own helpers. */
    private static final Set<String> PERMISSION_CHECKS =
            Set.of("checkPermission", "hasPermission", "mayConfigure", "forItem", "forGlobalConfiguration");

    @ArchTest
    static final ArchRule FORM_END_POINTS_USE_POST = methods()
            .that()
            .areDeclaredInClassesThat()
            .areAssignableTo(Descriptor.class)
            .and()
            .haveNameMatching("do(Check|Fill)[A-Z].*")
            .should()
            .beAnnotatedWith(POST.class)
            .andShould()
            .bePublic();

    @ArchTest
    static final ArchRule FORM_END_POINTS_CHECK_A_PERMISSION = methods()
            .that()
            .areDeclaredInClassesThat()
            .areAssignableTo(Descriptor.class)
            .and()
            .haveNameMatching("do(Check|Fill)[A-Z].*")
            .should(callAPermissionCheck());

    @ArchTest
    static final ArchRule DATA_BOUND_CONSTRUCTORS_ARE_IN_PUBLIC_CLASSES = constructors()
            .that()
            .areAnnotatedWith(DataBoundConstructor.class)
            .should()
            .beDeclaredInClassesThat()
            .arePublic();

    @ArchTest
    static final ArchRule DATA_BOUND_SETTERS_ARE_IN_PUBLIC_CLASSES = methods()
            .that()
            .areAnnotatedWith(DataBoundSetter.class)
            .should()
            .beDeclaredInClassesThat()
            .arePublic();

    @ArchTest
    static final ArchRule NO_SLEEPING = noClasses()
            .should()
            .callMethod(Thread.class, "sleep", long.class)
            .because("waits are timer tasks, so that a waiting render holds no thread");

    @ArchTest
    static final ArchRule NO_CONSOLE_OUTPUT = noClasses()
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .because("messages go to the build log or a java.util.logging logger");

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
