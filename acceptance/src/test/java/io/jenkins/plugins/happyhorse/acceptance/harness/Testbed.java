package io.jenkins.plugins.happyhorse.acceptance.harness;

import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import io.jenkins.plugins.happyhorse.acceptance.pages.CredentialsStore;
import io.jenkins.plugins.happyhorse.acceptance.pages.HappyHorseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a group of scenarios runs against: a standalone simulator (time-scaled, with a key of
 * this run) and a Jenkins controller set up as an administrator would: the key as a Secret text
 * credential (and as Model Studio's own default credential), the plugin's base URLs and Model
 * Studio's region pointing at the simulator, room for all the renders of
 * the group at once, and executors for the builds that run at the same time.
 *
 * <p>Builds that scenarios can run side by side are started early and kept here by name, so a
 * group waits for several renders at once rather than one after another.
 */
public final class Testbed implements AutoCloseable {
    /** The id of the Secret text credential that holds the simulator's key. */
    public static final String CREDENTIALS_ID = "simulator-key";

    /**
     * The id of the Secret text credential set as Model Studio's own default key (the global
     * configuration's {@code modelStudioCredentialsId}); it holds the simulator's key too.
     */
    public static final String MODEL_STUDIO_CREDENTIALS_ID = "simulator-model-studio-key";

    private final String name;
    private final AcceptanceEnvironment env;
    private final SimulatorProcess simulator;
    private final JenkinsController jenkins;
    private final Map<String, Build> started = new ConcurrentHashMap<>();

    private Testbed(String name, AcceptanceEnvironment env, SimulatorProcess simulator, JenkinsController jenkins) {
        this.name = name;
        this.env = env;
        this.simulator = simulator;
        this.jenkins = jenkins;
    }

    /**
     * Starts the simulator and a fresh controller, and configures it.
     *
     * @param name the folder under {@code target/acceptance-work}
     * @param secured whether the controller has security on (all but the smoke test)
     */
    public static Testbed start(String name, boolean secured) throws IOException {
        return start(name, secured, List.of());
    }

    /**
     * As {@link #start(String, boolean)}, with a simulator started with more options of {@code
     * happyhorse simulate} (such as {@code --account-level wavespeed=lowest} or {@code --webhooks-over-http}).
     */
    public static Testbed start(String name, boolean secured, List<String> simulatorOptions) throws IOException {
        AcceptanceEnvironment env = AcceptanceEnvironment.current();
        double timeScale = AcceptanceEnvironment.setting("hh.acceptance.timeScale")
                .map(Double::parseDouble)
                .orElse(10.0);
        Files.createDirectories(env.reportsDir());
        SimulatorProcess simulator = SimulatorProcess.start(
                env, env.workDir().resolve(name + "-simulator"), timeScale, newKey(), simulatorOptions);
        JenkinsController jenkins = null;
        try {
            jenkins = secured ? JenkinsController.secured(env, name) : JenkinsController.unsecured(env, name);
            jenkins.start();
            Testbed bed = new Testbed(name, env, simulator, jenkins);
            bed.configure();
            return bed;
        } catch (IOException | RuntimeException | Error e) {
            if (jenkins != null) {
                jenkins.stop();
            }
            simulator.close();
            throw e;
        }
    }

    /** Configures the controller as an administrator would, through the script console. */
    public void configure() {
        new CredentialsStore(jenkins.scriptConsole())
                .putSecretText(CREDENTIALS_ID, "HappyHorse simulator key", simulator.key());
        new CredentialsStore(jenkins.scriptConsole())
                .putSecretText(
                        MODEL_STUDIO_CREDENTIALS_ID, "HappyHorse simulator key for Model Studio", simulator.key());
        new HappyHorseSettings(jenkins.scriptConsole())
                .set("waveSpeedBaseUrl", simulator.waveSpeedBaseUrl().toString())
                .set("atlasCloudBaseUrl", simulator.atlasCloudBaseUrl().toString())
                // Model Studio's region (the simulator's base URL) and its own default key.
                .set("modelStudioRegion", simulator.modelStudioBaseUrl().toString())
                .set("modelStudioCredentialsId", MODEL_STUDIO_CREDENTIALS_ID)
                // Room for scenario 6's twenty renders at once: the simulator sets no account limit.
                .set("initialConcurrentRenders", 25)
                .set("maxConcurrentRenders", 25)
                .apply();
        // Executors for the builds inside node {} that run side by side.
        jenkins.scriptConsole().run("jenkins.model.Jenkins.get().setNumExecutors(5)");
    }

    /**
     * The build started under {@code key}, starting it with {@code start} the first time (early,
     * from the group's set-up, or on demand when a scenario runs alone).
     */
    public Build started(String key, Supplier<Build> start) {
        return started.computeIfAbsent(key, k -> start.get());
    }

    public String name() {
        return name;
    }

    public AcceptanceEnvironment environment() {
        return env;
    }

    public SimulatorProcess simulator() {
        return simulator;
    }

    public JenkinsController jenkins() {
        return jenkins;
    }

    /** The administrator's session. */
    public JenkinsClient admin() {
        return jenkins.admin();
    }

    /** The simulator's key, the secret the scenarios keep an eye on. */
    public String apiKey() {
        return simulator.key();
    }

    /** Where reports, figures and screenshots go. */
    public Path reports() {
        return env.reportsDir();
    }

    @Override
    public void close() {
        try {
            jenkins.stop();
        } finally {
            simulator.close();
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "hh-acceptance-" + HexFormat.of().formatHex(bytes);
    }
}
