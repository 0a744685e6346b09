package io.jenkins.plugins.happyhorse.acceptance.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;
import io.jenkins.plugins.happyhorse.acceptance.pages.ScriptConsole;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * One Jenkins controller as users run it: {@code java -jar jenkins.war
 * --httpListenAddress=127.0.0.1 --httpPort=0} with its own {@code JENKINS_HOME}, whose
 * {@code plugins/} holds the kit's {@code .jpi} files and the project's {@code .hpi}, the setup
 * wizard off. The port is the one the server picked: Winstone writes it to a file, which this
 * reads (no port is ever chosen beforehand). Readiness is polled, never slept for.
 *
 * <p>A secured controller has a user database with an administrator and a read-only viewer
 * and a matrix of permissions, set by an {@code init.groovy.d} script before the first request
 * is served (the script is deleted once it has run, since it holds their passwords).
 */
public final class JenkinsController implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    /** Booting 90 plugins on a busy machine can take minutes; this bound only catches a hang. */
    private static final Duration BOOT = Duration.ofMinutes(6);

    private final AcceptanceEnvironment env;
    private final String name;
    private final Path dir;
    private final Path home;
    private final Path portFile;
    private final Path log;
    private final boolean secured;
    private final String adminPassword;
    private final String viewerPassword;
    private final String pluginName;
    private Process process;
    private volatile URI url;
    private int boots;

    private JenkinsController(AcceptanceEnvironment env, String name, boolean secured) throws IOException {
        this.env = env;
        this.name = name;
        this.dir = env.workDir().resolve(name);
        this.home = dir.resolve("home");
        this.portFile = dir.resolve("jenkins.port");
        this.log = dir.resolve("jenkins.log");
        this.secured = secured;
        this.adminPassword = password();
        this.viewerPassword = password();
        this.pluginName = shortName(env.hpi());
    }

    /** A controller with security on (see the class comment); not started yet. */
    public static JenkinsController secured(AcceptanceEnvironment env, String name) throws IOException {
        return new JenkinsController(env, name, true);
    }

    /** A controller without security, as Jenkins is before an administrator sets it up. */
    public static JenkinsController unsecured(AcceptanceEnvironment env, String name) throws IOException {
        return new JenkinsController(env, name, false);
    }

    /** Prepares a fresh {@code JENKINS_HOME}, starts Jenkins and waits until it serves, plugin active. */
    public synchronized void start() throws IOException {
        if (Files.exists(dir)) {
            FileTrees.delete(dir);
        }
        Files.createDirectories(home.resolve("plugins"));
        for (Path jpi : env.pluginFiles()) {
            Files.copy(jpi, home.resolve("plugins").resolve(jpi.getFileName()));
        }
        Files.copy(
                env.hpi(), home.resolve("plugins").resolve(pluginName + ".jpi"), StandardCopyOption.REPLACE_EXISTING);
        Path initScript = home.resolve("init.groovy.d").resolve("security.groovy");
        if (secured) {
            Files.createDirectories(initScript.getParent());
            Files.writeString(initScript, securityScript(), StandardCharsets.UTF_8);
        }
        launch();
        if (secured) {
            // It has run: Jenkins keeps the (hashed) accounts in its own configuration.
            Files.deleteIfExists(initScript);
        }
    }

    /** Starts Jenkins again on the same {@code JENKINS_HOME} (after {@link #kill()} or {@link #stop()}). */
    public synchronized void startAgain() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Jenkins " + name + " still runs (pid " + process.pid() + ")");
        }
        launch();
    }

    /**
     * A clean restart, as an administrator does it: {@code POST /safeRestart}. Jenkins lets running
     * builds reach a point where they can be resumed, stops, and starts again in the same process
     * (on a new port, which is read again).
     */
    public synchronized void restart() throws IOException {
        Files.deleteIfExists(portFile);
        URI before = url;
        HttpResponse<String> reply = admin().postForm("safeRestart", Map.of());
        if (reply.statusCode() >= 400) {
            throw new IllegalStateException("POST safeRestart answered " + reply.statusCode() + ": " + reply.body());
        }
        awaitUp("Jenkins " + name + " to come back after a safe restart (was " + before + ")");
    }

    /** SIGKILL of the controller's JVM, as a crash or an out-of-memory killer would do it. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        Waits.untilTrue(
                "Jenkins " + name + " (pid " + process.pid() + ") to die of SIGKILL",
                Duration.ofMinutes(1),
                () -> !process.isAlive());
        url = null;
    }

    /** Stops Jenkins cleanly (SIGTERM, which Jenkins handles as a shutdown), SIGKILL after two minutes. */
    public synchronized void stop() {
        if (process != null) {
            JavaProcesses.stop(process, Duration.ofMinutes(2));
        }
        url = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** The root URL now, ending in a slash. */
    public URI url() {
        URI now = url;
        if (now == null) {
            throw new IllegalStateException("Jenkins " + name + " is not running");
        }
        return now;
    }

    /** The administrator's HTTP session (anonymous, with full rights, on an unsecured controller). */
    public JenkinsClient admin() {
        return secured ? JenkinsClient.as(this::url, ADMIN, adminPassword) : JenkinsClient.anonymous(this::url);
    }

    /** The read-only viewer's HTTP session (Overall/Read and Job/Read only). */
    public JenkinsClient viewer() {
        requireSecured();
        return JenkinsClient.as(this::url, VIEWER, viewerPassword);
    }

    /** A session without credentials. */
    public JenkinsClient anonymous() {
        return JenkinsClient.anonymous(this::url);
    }

    /** The script console, as the administrator. */
    public ScriptConsole scriptConsole() {
        return new ScriptConsole(admin());
    }

    /** The administrator's password, for signing in with a browser. */
    public String adminPassword() {
        requireSecured();
        return adminPassword;
    }

    public boolean isSecured() {
        return secured;
    }

    /** {@code JENKINS_HOME}. */
    public Path home() {
        return home;
    }

    /** Jenkins' own output (stdout and stderr). */
    public Path log() {
        return log;
    }

    /** The process id of the controller's JVM. */
    public long pid() {
        return process.pid();
    }

    /** How many times this controller has booted (a safe restart counts). */
    public int boots() {
        return boots;
    }

    /** Whether the plugin {@code shortName} is installed and active. */
    public boolean hasActivePlugin(String shortName) {
        JsonNode plugins = admin().json("pluginManager/api/json?depth=1&tree=plugins[shortName,active]");
        for (JsonNode plugin : plugins.path("plugins")) {
            if (plugin.path("shortName").asText().equals(shortName)) {
                return plugin.path("active").asBoolean();
            }
        }
        return false;
    }

    /** The plugin's short name, from the .hpi's manifest. */
    public String pluginName() {
        return pluginName;
    }

    private void launch() throws IOException {
        Files.deleteIfExists(portFile);
        List<String> command = new ArrayList<>(List.of(
                JavaProcesses.java(),
                "-Xmx1g",
                "-Djava.awt.headless=true",
                "-Djenkins.install.runSetupWizard=false",
                "-Dhudson.model.UpdateCenter.never=true",
                "-Dhudson.model.DownloadService.never=true",
                "-Djenkins.model.Jenkins.slaveAgentPort=-1",
                // Winstone writes the port it bound (port 0: the system's choice) here.
                "-Dwinstone.portFileName=" + portFile,
                "-jar",
                env.war().toString(),
                "--httpListenAddress=127.0.0.1",
                "--httpPort=0"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("JENKINS_HOME", home.toString());
        process = JavaProcesses.start(builder);
        awaitUp("Jenkins " + name + " to start");
    }

    private void awaitUp(String what) {
        boots++;
        int port = Waits.until(what + ": its port file " + portFile, BOOT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Jenkins exited with " + process.exitValue() + "; the end of " + log
                        + ":\n" + JavaProcesses.tail(log, 40));
            }
            String text = JavaProcesses.read(portFile).trim();
            return text.matches("\\d+")
                    ? Waits.Poll.done(Integer.parseInt(text))
                    : Waits.Poll.<Integer>notYet("no port file yet");
        });
        url = URI.create("http://127.0.0.1:" + port + "/");
        JenkinsClient admin = admin();
        Waits.until(what + ": " + url + "api/json answering 200", BOOT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Jenkins exited with " + process.exitValue() + "; the end of " + log
                        + ":\n" + JavaProcesses.tail(log, 40));
            }
            HttpResponse<String> reply = admin.get("api/json?tree=mode");
            return reply.statusCode() == 200
                    ? Waits.Poll.done(Boolean.TRUE)
                    : Waits.Poll.<Boolean>notYet("HTTP " + reply.statusCode());
        });
        JsonNode plugins = admin.json("pluginManager/api/json?depth=1&tree=plugins[shortName,active]");
        boolean active = false;
        for (JsonNode plugin : plugins.path("plugins")) {
            if (plugin.path("shortName").asText().equals(pluginName)) {
                active = plugin.path("active").asBoolean();
            }
        }
        if (!active) {
            throw new IllegalStateException("The plugin " + pluginName + " is not active in Jenkins " + name
                    + "; the end of " + log + ":\n" + JavaProcesses.tail(log, 60));
        }
    }

    private void requireSecured() {
        if (!secured) {
            throw new IllegalStateException("Jenkins " + name + " has no security realm");
        }
    }

    private String securityScript() {
        return """
                // Set by the acceptance suite before the first request is served; deleted once run.
                import hudson.model.Item
                import hudson.security.GlobalMatrixAuthorizationStrategy
                import hudson.security.HudsonPrivateSecurityRealm
                import jenkins.model.Jenkins
                import org.jenkinsci.plugins.matrixauth.PermissionEntry

                def decode = { String text -> new String(Base64.decoder.decode(text), 'UTF-8') }
                def jenkins = Jenkins.get()
                def realm = new HudsonPrivateSecurityRealm(false, false, null)
                realm.createAccount('%s', decode('%s'))
                realm.createAccount('%s', decode('%s'))
                jenkins.securityRealm = realm
                def matrix = new GlobalMatrixAuthorizationStrategy()
                matrix.add(Jenkins.ADMINISTER, PermissionEntry.user('%s'))
                matrix.add(Jenkins.READ, PermissionEntry.user('%s'))
                matrix.add(Item.READ, PermissionEntry.user('%s'))
                jenkins.authorizationStrategy = matrix
                jenkins.save()
                """
                .formatted(ADMIN, base64(adminPassword), VIEWER, base64(viewerPassword), ADMIN, VIEWER, VIEWER);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String password() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String shortName(Path hpi) throws IOException {
        try (JarFile jar = new JarFile(hpi.toFile())) {
            String value = jar.getManifest() == null
                    ? null
                    : jar.getManifest().getMainAttributes().getValue("Short-Name");
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(hpi + " has no Short-Name in its manifest: not a plugin");
            }
            return value.trim();
        }
    }

    @Override
    public String toString() {
        return "Jenkins " + name + " at " + url + " (JENKINS_HOME " + home + ")";
    }
}
