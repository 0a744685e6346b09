package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.state.Folders;
import io.jenkins.plugins.happyhorse.cli.state.StateLocation;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --state-dir}: where the render history and checkpoints are kept. */
public final class StateOptions {
    static final String ALLOWED = "a folder that can be written to, or created";

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Where renders are recorded (default $HAPPYHORSE_STATE_DIR, else $XDG_STATE_HOME/happyhorse,"
                    + " else ~/.local/state/happyhorse).")
    String stateDir;

    /**
     * The state folder, or empty with a problem added.
     *
     * @param writable whether records will be written there (a render: checked before paying)
     */
    Optional<StateLocation> location(CliContext context, CliConfig config, boolean writable, List<Violation> problems) {
        StateLocation where;
        try {
            where = StateLocation.resolve(
                    stateDir, config.get(CliConfig.STATE_DIR).orElse(null), context.env(), context.workingDirectory());
        } catch (InvalidPathException e) {
            problems.add(new Violation("--state-dir", stateDir, ALLOWED, "not a valid path"));
            return Optional.empty();
        }
        if (writable) {
            Optional<String> problem = Folders.problem(where.path());
            if (problem.isPresent()) {
                problems.add(new Violation(
                        stateDir != null ? "--state-dir" : "state folder",
                        where.path().toString(),
                        ALLOWED + " (every render is recorded there before it is submitted)",
                        problem.get()));
                return Optional.empty();
            }
        }
        return Optional.of(where);
    }
}
