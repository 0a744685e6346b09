package io.jenkins.plugins.happyhorse.cli.runtime;

import io.jenkins.plugins.happyhorse.client.time.EngineScheduler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Everything a command takes from the world around it: where it writes, the environment it
 * reads keys, proxy settings and folders from, the directory that relative paths start from,
 * whether a terminal is watching (progress redrawn in place rather than plain lines) and how wide
 * it is, the wall clock that dates the render history, the engine clock for real hosts, and
 * Ctrl-C. {@code HappyHorseCli.main} builds one from the process; tests and other modules build
 * their own to run a command in-process. Immutable.
 */
public final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final boolean terminal;
    private final IntSupplier columns;
    private final Clock clock;
    private final EngineScheduler scheduler;
    private final CtrlC ctrlC;

    private CliContext(Builder b) {
        this.out = b.out;
        this.err = b.err;
        this.env = Map.copyOf(b.env);
        this.workingDirectory = b.workingDirectory.toAbsolutePath().normalize();
        this.terminal = b.terminal;
        this.columns = b.columns;
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.ctrlC = b.ctrlC;
    }

    /**
     * A context writing to {@code out} and {@code err} (UTF-8 streams: help text and messages with
     * characters such as × are written as UTF-8) and reading {@code env}; see the builder's defaults.
     */
    public static Builder builder(PrintStream out, PrintStream err, Map<String, String> env) {
        return new Builder(out, err, env);
    }

    /** Results: the summary line, estimates, status reports. */
    public PrintStream out() {
        return out;
    }

    /** Progress and errors. */
    public PrintStream err() {
        return err;
    }

    /** The environment variables (keys, proxy); never printed. */
    public Map<String, String> env() {
        return env;
    }

    /** The value of an environment variable, or null. */
    public String env(String name) {
        return env.get(name);
    }

    /** The absolute directory that relative {@code --image} and {@code --out} paths start from. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Resolves a path the user typed against {@link #workingDirectory()}. */
    public Path resolve(String typed) {
        return workingDirectory.resolve(typed).normalize();
    }

    /** Whether a terminal shows the output, so progress is one line redrawn in place. */
    public boolean terminal() {
        return terminal;
    }

    /** The terminal's width in columns now (it may change while a command runs); 80 unless told. */
    public int columns() {
        int n = columns.getAsInt();
        return n > 0 ? n : 80;
    }

    /** The wall clock, in the user's time zone: when renders started, for the history. */
    public Clock clock() {
        return clock;
    }

    /** The engine clock for real hosts (and {@code --base-url}); the built-in simulator brings its own. */
    public EngineScheduler scheduler() {
        return scheduler;
    }

    /** Ctrl-C. */
    public CtrlC ctrlC() {
        return ctrlC;
    }

    /**
     * Builds a context. Defaults: the process's current directory, no terminal, 80 columns, the
     * system's clocks, a Ctrl-C that only {@link CtrlC#press()} fires.
     */
    public static final class Builder {
        private final PrintStream out;
        private final PrintStream err;
        private final Map<String, String> env;
        private Path workingDirectory = Path.of("");
        private boolean terminal;
        private IntSupplier columns = () -> 80;
        private Clock clock = Clock.systemDefaultZone();
        private EngineScheduler scheduler = EngineScheduler.system();
        private CtrlC ctrlC = CtrlC.manual();

        private Builder(PrintStream out, PrintStream err, Map<String, String> env) {
            this.out = Objects.requireNonNull(out, "out");
            this.err = Objects.requireNonNull(err, "err");
            this.env = Objects.requireNonNull(env, "env");
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        /** The terminal's width, asked again at every redraw (a terminal can be resized). */
        public Builder columns(IntSupplier columns) {
            this.columns = Objects.requireNonNull(columns, "columns");
            return this;
        }

        /** The wall clock that dates the history (its zone is the one times are shown in). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The engine clock used against real hosts and {@code --base-url}. A {@link
         * io.jenkins.plugins.happyhorse.client.time.TimeScaledScheduler} lets a test render against
         * a simulator it started with the same time scale; {@code --timeout} then stays wall-clock time.
         */
        public Builder scheduler(EngineScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder ctrlC(CtrlC ctrlC) {
            this.ctrlC = Objects.requireNonNull(ctrlC, "ctrlC");
            return this;
        }

        public CliContext build() {
            return new CliContext(this);
        }
    }
}
