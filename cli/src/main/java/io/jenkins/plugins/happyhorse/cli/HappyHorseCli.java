package io.jenkins.plugins.happyhorse.cli;

import io.jenkins.plugins.happyhorse.cli.command.CompletionCommand;
import io.jenkins.plugins.happyhorse.cli.command.DownloadCommand;
import io.jenkins.plugins.happyhorse.cli.command.EstimateCommand;
import io.jenkins.plugins.happyhorse.cli.command.HistoryCommand;
import io.jenkins.plugins.happyhorse.cli.command.ListenCommand;
import io.jenkins.plugins.happyhorse.cli.command.RenderCommand;
import io.jenkins.plugins.happyhorse.cli.command.ResumeCommand;
import io.jenkins.plugins.happyhorse.cli.command.SimulateCommand;
import io.jenkins.plugins.happyhorse.cli.command.StatusCommand;
import io.jenkins.plugins.happyhorse.cli.host.Hosts;
import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CtrlC;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.cli.runtime.StderrTerminal;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code happyhorse} command: {@code render}, {@code estimate}, {@code resume}, {@code
 * download}, {@code status}, {@code history}, {@code listen}, {@code simulate}, {@code completion} and {@code
 * help}. {@link #main} runs it as a process; {@link #run(String[], PrintStream, PrintStream, Map)}
 * runs it in-process (tests, other modules) and returns the exit code instead of exiting. See
 * {@link ExitCode} for the codes.
 */
@Command(
        name = "happyhorse",
        mixinStandardHelpOptions = true,
        versionProvider = HappyHorseCli.Version.class,
        description = "Renders video clips from reference images and a prompt with HappyHorse 1.0"
                + " on a hosted API, or against a local simulator of the hosts.",
        footer = {
            "",
            "Exit codes: 0 ok, 1 unexpected error, 2 bad usage or input, 3 cost limit,",
            "4 key or balance, 5 job failed on the host, 6 timeout, 7 host unavailable,",
            "8 output verification failed, 9 submission uncertain, 130 Ctrl-C.",
            "Keys: the host's variable (${happyhorse.keys}), never on the command line.",
            "'happyhorse help COMMAND' shows a command's options."
        })
public final class HappyHorseCli implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    private HappyHorseCli(CliContext context) {
        this.context = context;
    }

    /** Runs the command as a process and exits with its code. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        // Progress goes to stderr: it is redrawn in place when stderr shows on a terminal.
        Optional<StderrTerminal> terminal = "dumb".equals(env.get("TERM")) ? Optional.empty() : StderrTerminal.open();
        CliContext.Builder context =
                CliContext.builder(out, err, env).terminal(terminal.isPresent()).ctrlC(CtrlC.installed());
        terminal.ifPresent(context::columns);
        int code;
        try {
            code = run(args, context.build());
        } finally {
            terminal.ifPresent(StderrTerminal::close);
        }
        System.exit(code);
    }

    /**
     * Runs the command in-process with the process's current directory, no progress bar and no
     * Ctrl-C handling, and returns its exit code.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, CliContext.builder(out, err, env).build());
    }

    /** Runs the command in {@code context} and returns its exit code. */
    public static int run(String[] args, CliContext context) {
        Objects.requireNonNull(args, "args");
        try {
            return commandLine(context).execute(args);
        } finally {
            context.out().flush();
            context.err().flush();
            // Lets a shutdown in progress (Ctrl-C) end the process now that everything is said.
            context.ctrlC().finished();
        }
    }

    static CommandLine commandLine(CliContext context) {
        System.setProperty("happyhorse.keys", String.join(", ", Hosts.keyVariables()));
        CommandLine cl = new CommandLine(new HappyHorseCli(context));
        cl.addSubcommand(new RenderCommand(context));
        cl.addSubcommand(new EstimateCommand(context));
        cl.addSubcommand(new ResumeCommand(context));
        cl.addSubcommand(new DownloadCommand(context));
        cl.addSubcommand(new StatusCommand(context));
        cl.addSubcommand(new HistoryCommand(context));
        cl.addSubcommand(new ListenCommand(context));
        cl.addSubcommand(new SimulateCommand(context));
        cl.addSubcommand(new CompletionCommand(context));
        cl.addSubcommand(new CommandLine.HelpCommand());
        // Help and usage text in UTF-8, like everything else the command writes.
        cl.setOut(new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("Error: " + ex.getMessage());
            // "Did you mean --aspect-ratio?" for a mistyped option or command.
            UnmatchedArgumentException.printSuggestions(ex, failed.getErr());
            failed.getErr()
                    .println("Run '" + failed.getCommandSpec().root().name() + " help"
                            + (failed.getCommandSpec().parent() == null
                                    ? ""
                                    : " " + failed.getCommandSpec().name())
                            + "' for the options.");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            // Commands report their own failures; this is for a defect that escaped them.
            failed.getErr().println("Error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return ExitCode.ERROR;
        });
        return cl;
    }

    /** Without a subcommand: the usage, and a usage error. */
    @Override
    public Integer call() {
        context.err()
                .println("Error: a command is required: "
                        + String.join(", ", spec.subcommands().keySet()) + ".");
        spec.commandLine().usage(context.err());
        return ExitCode.USAGE;
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HappyHorseCli.class.getPackage().getImplementationVersion();
            return new String[] {"happyhorse " + (version == null ? "(development build)" : version)};
        }
    }
}
