package io.jenkins.plugins.happyhorse.acceptance.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the suite runs: the Jenkins war, the folder of plugins ({@code .jpi}), the project's
 * {@code .hpi} (from the three environment variables), the command line's runnable jar and
 * where reports go. Without the variables the suite is skipped; with them, a wrong value is an
 * error, never a reason to skip.
 *
 * @param war {@code HH_JENKINS_WAR}
 * @param plugins {@code HH_JENKINS_PLUGINS}
 * @param hpi {@code HH_JENKINS_HPI}
 * @param cliJar {@code happyhorse-cli-all.jar}, which runs {@code happyhorse simulate} and {@code status}
 * @param buildDir the module's build folder ({@code acceptance/target})
 * @param projectDir the checkout, for the commit in the result file
 */
public record AcceptanceEnvironment(Path war, Path plugins, Path hpi, Path cliJar, Path buildDir, Path projectDir) {

    public static final String WAR = "HH_JENKINS_WAR";
    public static final String PLUGINS = "HH_JENKINS_PLUGINS";
    public static final String HPI = "HH_JENKINS_HPI";

    /** The line printed, once, when the suite is skipped. */
    public static String skipLine() {
        return "Jenkins acceptance suite skipped: set " + WAR + " (a jenkins.war), " + PLUGINS
                + " (a folder of .jpi files) and " + HPI
                + " (the plugin's .hpi); see README.md, \"The acceptance suite\".";
    }

    /** Whether the three variables are all set (and not blank). */
    public static boolean configured() {
        return configured(System.getenv());
    }

    static boolean configured(Map<String, String> env) {
        return Stream.of(WAR, PLUGINS, HPI).allMatch(name -> {
            String value = env.get(name);
            return value != null && !value.isBlank();
        });
    }

    /** The environment of this run; throws naming every variable or file that is wrong. */
    public static AcceptanceEnvironment current() {
        Map<String, String> env = System.getenv();
        if (!configured(env)) {
            throw new IllegalStateException(skipLine());
        }
        Path buildDir = Path.of(property("hh.acceptance.buildDir", "target"));
        Path projectDir = Path.of(property("hh.acceptance.projectDir", ".."));
        Path cliJar = Path.of(property("hh.acceptance.cliJar", "../cli/target/happyhorse-cli-all.jar"));
        AcceptanceEnvironment environment = new AcceptanceEnvironment(
                Path.of(env.get(WAR)).toAbsolutePath(),
                Path.of(env.get(PLUGINS)).toAbsolutePath(),
                Path.of(env.get(HPI)).toAbsolutePath(),
                cliJar.toAbsolutePath().normalize(),
                buildDir.toAbsolutePath(),
                projectDir.toAbsolutePath());
        environment.check();
        return environment;
    }

    /** Where this run writes its reports, figures and screenshots ({@code target/acceptance-reports}). */
    public Path reportsDir() {
        return buildDir.resolve("acceptance-reports");
    }

    /** Where Jenkins homes and process logs go ({@code target/acceptance-work}). */
    public Path workDir() {
        return buildDir.resolve("acceptance-work");
    }

    /** The plugin files to install: every {@code .jpi} of {@link #plugins}. */
    public List<Path> pluginFiles() throws IOException {
        try (Stream<Path> files = Files.list(plugins)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jpi"))
                    .sorted()
                    .toList();
        }
    }

    private void check() {
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(war)) {
            problems.add(WAR + "=" + war + " is not a file");
        }
        if (!Files.isDirectory(plugins)) {
            problems.add(PLUGINS + "=" + plugins + " is not a folder");
        } else {
            try (Stream<Path> files = Files.list(plugins)) {
                if (files.noneMatch(p -> p.getFileName().toString().endsWith(".jpi"))) {
                    problems.add(PLUGINS + "=" + plugins + " holds no .jpi file");
                }
            } catch (IOException e) {
                problems.add(PLUGINS + "=" + plugins + " cannot be read: " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(hpi)) {
            problems.add(HPI + "=" + hpi + " is not a file");
        }
        if (!Files.isRegularFile(cliJar)) {
            problems.add(cliJar + " is missing: build the command line first (mvn -DskipPlugin -pl cli -am package)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The Jenkins acceptance suite cannot run: " + String.join("; ", problems));
        }
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The value of {@code name} from the system properties, or {@code fallback}. */
    public static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getProperty(name)).filter(v -> !v.isBlank());
    }
}
