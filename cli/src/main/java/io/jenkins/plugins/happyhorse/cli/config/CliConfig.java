package io.jenkins.plugins.happyhorse.cli.config;

import io.jenkins.plugins.happyhorse.cli.host.Hosts;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The optional config file of defaults: {@code $HAPPYHORSE_CONFIG}, else {@code
 * $XDG_CONFIG_HOME/happyhorse/config.properties}, else {@code ~/.config/happyhorse/config.properties}.
 * It may set the host, the resolution, the aspect ratio, the state folder, the hosts' base URLs and
 * Model Studio's region;
 * an option on the command line wins over it. It never holds a key: a setting that looks like one
 * is refused (without showing its value), as is a setting this version does not know.
 */
public final class CliConfig {
    /** The variable that names the config file. */
    public static final String VARIABLE = "HAPPYHORSE_CONFIG";

    public static final String PROVIDER = "provider";
    public static final String RESOLUTION = "resolution";
    public static final String ASPECT_RATIO = "aspect-ratio";
    public static final String STATE_DIR = "state-dir";
    /** Followed by a host's id, e.g. {@code base-url.wavespeed}. */
    public static final String BASE_URL = "base-url.";
    /** Model Studio's region ({@code singapore}, {@code beijing}), the only host with regions to choose. */
    public static final String REGION = "region";

    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(key|token|secret|password|credential).*");

    private final Path file;
    private final Map<String, String> values;

    private CliConfig(Path file, Map<String, String> values) {
        this.file = file;
        this.values = Map.copyOf(values);
    }

    /** No file: nothing set. */
    public static CliConfig empty() {
        return new CliConfig(null, Map.of());
    }

    /** Where the config file is looked for. */
    public static Path location(Map<String, String> env) {
        String named = env.get(VARIABLE);
        if (named != null && !named.isBlank()) {
            return Path.of(named.strip());
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg.strip()).isAbsolute()
                ? Path.of(xdg.strip())
                : StateLocation.home(env).resolve(".config");
        return base.resolve("happyhorse").resolve("config.properties");
    }

    /**
     * Reads the config file; a missing one sets nothing.
     *
     * @throws CommandFailure (exit code 2) when it cannot be read, holds a key or an unknown setting
     */
    public static CliConfig load(Map<String, String> env, Path workingDirectory) {
        Path file = workingDirectory.resolve(location(env)).normalize();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailure(
                    ExitCode.USAGE, "The config file " + file + " cannot be read (" + e.getMessage() + ").");
        }
        Map<String, String> values = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            String key = name.strip();
            if (SECRET_LIKE.matcher(key).matches() || Hosts.keyVariables().contains(key.toUpperCase(Locale.ROOT))) {
                throw new CommandFailure(
                        ExitCode.USAGE,
                        "The config file " + file + " sets '" + key + "', which looks like an API key: keys are"
                                + " never read from a file (files end up in backups and dotfile repositories)."
                                + " Remove that line and export the key in its variable ("
                                + String.join(", ", Hosts.keyVariables()) + ") instead.");
            }
            if (!known().contains(key)) {
                unknown.add(key);
            } else {
                values.put(key, properties.getProperty(name).strip());
            }
        }
        if (!unknown.isEmpty()) {
            throw new CommandFailure(
                    ExitCode.USAGE,
                    "The config file " + file + " has " + (unknown.size() == 1 ? "a setting" : "settings")
                            + " this version does not know: " + String.join(", ", unknown) + "; allowed: "
                            + String.join(", ", known()) + ".");
        }
        return new CliConfig(file, values);
    }

    /** Every setting the file may have. */
    public static List<String> known() {
        List<String> names = new ArrayList<>(List.of(PROVIDER, RESOLUTION, ASPECT_RATIO, STATE_DIR, REGION));
        for (ProviderId host : Hosts.all()) {
            names.add(BASE_URL + host.id());
        }
        return names;
    }

    /** A setting's value, when the file sets it (not blank). */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    /** {@code host}'s base URL, when set. */
    public Optional<String> baseUrl(ProviderId host) {
        return get(BASE_URL + host.id());
    }

    /** How a value from the file is named in a message, e.g. {@code resolution (config.properties)}. */
    public String field(String name) {
        return name + " (" + (file == null ? "config file" : file.getFileName()) + ")";
    }
}
