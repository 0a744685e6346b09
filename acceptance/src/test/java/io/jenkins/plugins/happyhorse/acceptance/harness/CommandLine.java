package io.jenkins.plugins.happyhorse.acceptance.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The {@code happyhorse} command line, run from its runnable jar as a user runs it. */
public final class CommandLine {
    private final AcceptanceEnvironment env;

    public CommandLine(AcceptanceEnvironment env) {
        this.env = env;
    }

    /** What a run printed and how it ended. */
    public record Result(int exitCode, String output) {}

    /**
     * Runs {@code happyhorse ARGS} in {@code dir} with the extra environment {@code environment}
     * (the key goes there, never on the command line), for at most {@code bound}.
     */
    public Result run(Path dir, Map<String, String> environment, Duration bound, List<String> args)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(
                List.of(JavaProcesses.java(), "-Xmx256m", "-jar", env.cliJar().toString()));
        command.addAll(args);
        Path output = Files.createTempFile(dir, "happyhorse-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = JavaProcesses.start(builder);
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("happyhorse " + args + " did not end within " + bound.toSeconds() + " s: "
                    + JavaProcesses.read(output));
        }
        return new Result(process.exitValue(), JavaProcesses.read(output));
    }
}
