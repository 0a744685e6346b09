package io.jenkins.plugins.happyhorse.cli.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C as the commands see it. A command registers what to do when the user presses it (stop
 * waiting for a render, stop a simulator) and says when it has finished reporting; {@link
 * #installed()} wires this to a JVM shutdown hook, which lets the command print its last words
 * before the process ends. In-process callers and tests use {@link #manual()} and {@link #press()}.
 * Thread-safe.
 */
public final class CtrlC {
    /** How long the shutdown hook waits for the command to report before the JVM ends anyway. */
    static final Duration REPORT_GRACE = Duration.ofSeconds(10);

    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private final CountDownLatch pressed = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private CtrlC() {}

    /** A signal only {@link #press()} fires. */
    public static CtrlC manual() {
        return new CtrlC();
    }

    /** A signal fired by the JVM's shutdown (Ctrl-C, SIGTERM), which waits for the command to report. */
    public static CtrlC installed() {
        CtrlC ctrlC = new CtrlC();
        Runtime.getRuntime().addShutdownHook(new Thread(ctrlC::onShutdown, "happyhorse-ctrl-c"));
        return ctrlC;
    }

    /** Runs {@code action} when Ctrl-C is pressed (at once if it already was); close to forget it. */
    public Registration onPress(Runnable action) {
        actions.add(action);
        if (wasPressed()) {
            runQuietly(action);
        }
        return () -> actions.remove(action);
    }

    /** Fires the signal: runs every registered action once. Later presses do nothing. */
    public void press() {
        if (wasPressed()) {
            return;
        }
        pressed.countDown();
        for (Runnable action : actions) {
            runQuietly(action);
        }
    }

    /** Whether Ctrl-C was pressed. */
    public boolean wasPressed() {
        return pressed.getCount() == 0;
    }

    /** Blocks until Ctrl-C is pressed. */
    public void awaitPress() throws InterruptedException {
        pressed.await();
    }

    /** The command has written its last line; a pending shutdown may go on. */
    public void finished() {
        finished.countDown();
    }

    private void onShutdown() {
        if (finished.getCount() == 0) {
            return; // a normal exit: nothing to stop
        }
        press();
        try {
            finished.await(REPORT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // One failing action must not keep the others from running.
        }
    }

    /** Undoes an {@link #onPress(Runnable)}. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
