package io.jenkins.plugins.happyhorse.cli;

import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the command in-process with captured stdout and stderr, a chosen environment and directory.
 * The user's home, state and config folders are folders of the test's own ({@code .home} in the
 * working directory), so a test never reads or writes the real ones.
 */
public final class CliHarness {
    /** The example images of docs/examples, as the module's tests see them. */
    public static final Path EXAMPLES =
            Path.of("..", "docs", "examples").toAbsolutePath().normalize();

    private final Map<String, String> env = new HashMap<>();
    private final Path workingDirectory;
    private EngineScheduler scheduler = EngineScheduler.system();
    private CtrlC ctrlC = CtrlC.manual();
    private boolean terminal;
    private int columns = 80;
    private Clock clock = Clock.system(ZoneOffset.UTC);

    public CliHarness(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
        Path home = workingDirectory.resolve(".home");
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    }

    /** The state folder a command uses unless told another. */
    public Path stateDir() {
        return workingDirectory.resolve(".home/.local/state/happyhorse");
    }

    /** The config file a command reads unless told another. */
    public Path configFile() {
        return workingDirectory.resolve(".home/.config/happyhorse/config.properties");
    }

    /** A terminal of {@code columns} watches stderr (the progress line is redrawn in place). */
    public CliHarness terminal(int columns) {
        this.terminal = true;
        this.columns = columns;
        return this;
    }

    public CliHarness clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Removes a variable. */
    public CliHarness unset(String name) {
        env.remove(name);
        return this;
    }

    /** Copies product.png and style.jpg into the working directory, so tests can name them relatively. */
    public CliHarness withExampleImages() throws IOException {
        for (String name : new String[] {"product.png", "style.jpg"}) {
            Files.copy(EXAMPLES.resolve(name), workingDirectory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return this;
    }

    public CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliHarness scheduler(EngineScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    public CliHarness ctrlC(CtrlC ctrlC) {
        this.ctrlC = ctrlC;
        return this;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Runs {@code happyhorse args...} and returns what it said. */
    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = CliContext.builder(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env)
                .workingDirectory(workingDirectory)
                .terminal(terminal)
                .columns(() -> columns)
                .clock(clock)
                .scheduler(scheduler)
                .ctrlC(ctrlC)
                .build();
        int code = HappyHorseCli.run(args, context);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code happyhorse args...} on a thread of its own, with a Ctrl-C of its own, for a
     * command that runs until stopped ({@code listen}, {@code simulate}).
     */
    public Background start(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CtrlC stop = CtrlC.manual();
        CliContext context = CliContext.builder(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env)
                .workingDirectory(workingDirectory)
                .clock(clock)
                .scheduler(scheduler)
                .ctrlC(stop)
                .build();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> HappyHorseCli.run(args, context));
        return new Background(out, err, stop, code);
    }

    /** A command running on a thread of its own; {@link #close()} presses its Ctrl-C. */
    public static final class Background implements AutoCloseable {
        private final ByteArrayOutputStream out;
        private final ByteArrayOutputStream err;
        private final CtrlC stop;
        private final CompletableFuture<Integer> code;

        Background(ByteArrayOutputStream out, ByteArrayOutputStream err, CtrlC stop, CompletableFuture<Integer> code) {
            this.out = out;
            this.err = err;
            this.stop = stop;
            this.code = code;
        }

        /** Stdout so far. */
        public String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** The first match of {@code pattern}'s group 1 on stdout, once it appears (bounded wait). */
        public String awaitOut(Pattern pattern) throws InterruptedException {
            Await.until(
                    "stdout to show " + pattern + " (so far: " + out() + err.toString(StandardCharsets.UTF_8) + ")",
                    () -> pattern.matcher(out()).find() || code.isDone());
            Matcher m = pattern.matcher(out());
            if (!m.find()) {
                throw new AssertionError("the command ended without " + pattern + ": " + stop());
            }
            return m.group(1);
        }

        /** Presses Ctrl-C and returns what the command said. */
        public Result stop() {
            stop.press();
            int exit = code.join();
            return new Result(exit, out(), err.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            stop();
        }
    }

    /**
     * What a run said.
     *
     * @param exitCode the exit code
     * @param out stdout
     * @param err stderr
     */
    public record Result(int exitCode, String out, String err) {
        /** Both streams, for assertions that something appears nowhere. */
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
