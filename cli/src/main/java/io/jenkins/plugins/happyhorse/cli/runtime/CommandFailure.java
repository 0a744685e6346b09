package io.jenkins.plugins.happyhorse.cli.runtime;

/**
 * A command cannot go on, for a reason the user can fix: a missing key, a malformed setting. The
 * message is one sentence for stderr and never contains a key; the exit code is one of {@link
 * io.jenkins.plugins.happyhorse.cli.runtime.ExitCode}'s.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
