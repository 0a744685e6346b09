package io.jenkins.plugins.happyhorse.cli.state;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the state folder is, following the XDG base directory conventions: {@code --state-dir},
 * else the {@value #VARIABLE} variable, else {@code state-dir} in the config file, else {@code
 * $XDG_STATE_HOME/happyhorse}, else {@code ~/.local/state/happyhorse}.
 *
 * @param path the folder
 * @param fromOption whether {@code --state-dir} named it (so a command printed for later use must
 *     name it too)
 */
public record StateLocation(Path path, boolean fromOption) {
    /** The variable that names the state folder. */
    public static final String VARIABLE = "HAPPYHORSE_STATE_DIR";

    public StateLocation {
        Objects.requireNonNull(path, "path");
    }

    /**
     * The state folder.
     *
     * @param typed {@code --state-dir} as typed, or null
     * @param configured {@code state-dir} from the config file, or null
     * @param env the environment
     * @param workingDirectory what relative paths start from
     * @throws InvalidPathException when a path given is not one
     */
    public static StateLocation resolve(
            String typed, String configured, Map<String, String> env, Path workingDirectory) {
        if (present(typed)) {
            return new StateLocation(workingDirectory.resolve(typed.strip()).normalize(), true);
        }
        String variable = env.get(VARIABLE);
        if (present(variable)) {
            return new StateLocation(workingDirectory.resolve(variable.strip()).normalize(), false);
        }
        if (present(configured)) {
            return new StateLocation(
                    workingDirectory.resolve(configured.strip()).normalize(), false);
        }
        String xdg = env.get("XDG_STATE_HOME");
        // XDG: a relative XDG_STATE_HOME is invalid and is ignored.
        if (present(xdg) && Path.of(xdg.strip()).isAbsolute()) {
            return new StateLocation(Path.of(xdg.strip()).resolve("happyhorse"), false);
        }
        return new StateLocation(home(env).resolve(".local").resolve("state").resolve("happyhorse"), false);
    }

    /** The user's home: {@code HOME}, else the JVM's idea of it. */
    public static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(present(home) ? home.strip() : System.getProperty("user.home"));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
