package io.jenkins.plugins.happyhorse.cli.runtime;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The terminal that standard error (where progress goes) is shown on, through JLine: whether
 * there is one, and its width now, asked of the operating system (a terminal can be resized while
 * a render waits). JLine's signal handling is left off, so Ctrl-C keeps reaching the command's own
 * handler. The width is asked at most twice a second.
 */
public final class StderrTerminal implements IntSupplier, AutoCloseable {
    private static final long REASK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Terminal terminal;
    private int width;
    private long askedAt;
    private boolean asked;

    private StderrTerminal(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The terminal standard error is shown on, or empty when it goes to a file or a pipe. */
    public static Optional<StderrTerminal> open() {
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder()
                    .system(true)
                    .systemOutput(TerminalBuilder.SystemOutput.SysErr)
                    .nativeSignals(false)
                    // A pipe gives a "dumb" terminal, without JLine's warning about it.
                    .dumb(true)
                    .build();
        } catch (IOException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
        if (terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            closeQuietly(terminal);
            return Optional.empty();
        }
        return Optional.of(new StderrTerminal(terminal));
    }

    /** The width in columns, or 0 when the terminal does not say. */
    @Override
    public synchronized int getAsInt() {
        long now = System.nanoTime();
        if (!asked || now - askedAt > REASK_NANOS) {
            try {
                width = terminal.getWidth();
            } catch (RuntimeException e) {
                width = 0;
            }
            askedAt = now;
            asked = true;
        }
        return width;
    }

    @Override
    public void close() {
        closeQuietly(terminal);
    }

    private static void closeQuietly(Terminal terminal) {
        try {
            terminal.close();
        } catch (IOException | RuntimeException e) {
            // Nothing was changed on the terminal; there is nothing to restore.
        }
    }
}
