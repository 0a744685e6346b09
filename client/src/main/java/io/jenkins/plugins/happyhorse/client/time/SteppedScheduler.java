package io.jenkins.plugins.happyhorse.client.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A scheduler for tests and benchmarks against the simulator whose clock steps from timer to
 * timer: it stands still while work runs (HTTP exchanges, hashing an image, checking a clip) and
 * moves only when a timer fires, to that timer's due instant. How long the work takes on a slow
 * or busy machine therefore never shows on the clock. Given to the simulator as its time source
 * ({@code Simulator.builder().clock(scheduler.clock())}), it makes the host's and the engine's
 * time one and the same: a job created during a submit was created at the instant the submit was
 * sent, and a poll due 5 s later reaches the host exactly 5 s after it, however long the submit
 * took in real time.
 *
 * <p>Timers fire one at a time in the order of their due instants; a timer due earlier always
 * fires before one due later. A short timer (due at most {@link #HORIZON} after it was
 * scheduled: a poll, a retry's backoff) also fires by itself once {@code delay / pace} of real
 * time has passed, so a waiting render moves on. A longer one (a render's deadline) never fires
 * by real time: only when the clock reaches it, because a later timer fires or {@link #advance}
 * moves the clock. So a deadline is reached by a render's own polls passing it, never by a slow
 * machine, and a deadline a test does not mean to reach is never reached.
 *
 * <p>{@link #hold()} keeps timers from firing until {@link #release()}, so a test can act "while
 * the job runs" knowing that the render is parked on its next timer. While an HTTP exchange of the
 * engine is in flight ({@link #busy()}) the clock stands still: timers due at the current instant
 * still fire (other renders' polls of the same instant go out side by side), but none due later (a
 * host's callback, a later poll) fires between a request and its reply, so what the host answers
 * does not depend on how fast the machine is.
 *
 * <p>Every task of every instance runs on one shared daemon thread, {@code happyhorse-stepped-1},
 * one at a time. Like every engine task, they must be short and must not block. Thread-safe.
 */
public final class SteppedScheduler implements EngineScheduler {
    /** Timers due further ahead than this fire only when the clock reaches them, never by real time. */
    public static final Duration HORIZON = Duration.ofMinutes(5);

    /** At most this many delays are kept; the oldest are dropped first. */
    static final int MAX_RECORDED = 10_000;

    private static final ScheduledThreadPoolExecutor THREAD = singleThread("happyhorse-stepped");

    private final double pace;
    private final Object lock = new Object();
    private final PriorityQueue<Timer> pending = new PriorityQueue<>();
    private final ArrayDeque<Duration> recorded = new ArrayDeque<>();
    private volatile Instant now;
    private long sequence;
    /** Holds not yet released; timers fire only while there is none. */
    private int holds;
    /** Exchanges in flight; while there is one, the clock does not move. */
    private int busy;
    /** Where {@link #advance} is to take the clock once the exchanges in flight have ended, or null. */
    private Instant goal;

    /**
     * @param start what the clock reads at first
     * @param pace engine seconds of a short timer's delay per real second of waiting for it, at
     *     least 1
     */
    public SteppedScheduler(Instant start, double pace) {
        if (!(pace >= 1) || Double.isInfinite(pace)) {
            throw new IllegalArgumentException("The pace must be a number of at least 1, was " + pace);
        }
        this.now = Objects.requireNonNull(start, "start");
        this.pace = pace;
    }

    /** A clock standing at 2026-01-01T00:00:00Z whose timers wait a thousandth of their delay. */
    public SteppedScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"), 1000);
    }

    @Override
    public Instant now() {
        return now;
    }

    /** This scheduler's clock as a {@link Clock} (UTC), e.g. for the simulator's time source. */
    public Clock clock() {
        return new SteppedClock(this, ZoneOffset.UTC);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "task");
        Duration wait = delay.isNegative() ? Duration.ZERO : delay;
        if (!wait.isZero()) {
            record(wait);
        }
        Timer timer;
        synchronized (lock) {
            timer = new Timer(now.plus(wait), sequence++, task);
            pending.add(timer);
        }
        if (wait.compareTo(HORIZON) > 0) {
            return () -> cancel(timer);
        }
        long realNanos = (long) (wait.toNanos() / pace);
        ScheduledFuture<?> wake = THREAD.schedule(() -> ripen(timer), realNanos, TimeUnit.NANOSECONDS);
        synchronized (lock) {
            if (timer.queued) {
                timer.wake = wake;
                wake = null;
            }
        }
        if (wake != null) {
            // Fired (or cancelled) in the meantime: the wake-up has nothing left to do.
            wake.cancel(false);
        }
        return () -> cancel(timer);
    }

    @Override
    public void execute(Runnable task) {
        THREAD.execute(guarded(task));
    }

    /**
     * Keeps timers from firing, whatever their due instant, until {@link #release()}. Holds nest
     * (a test's and a simulated host's callback in flight, say): timers fire again once each hold
     * is released.
     */
    public void hold() {
        synchronized (lock) {
            holds++;
        }
    }

    /**
     * Keeps the clock where it is while an exchange is in flight. The handle ends that once, after
     * the tasks that the exchange's completion queued here (the engine's next step, which reads the
     * clock), so that no later timer fires between the reply and that step either.
     */
    @Override
    public Runnable busy() {
        synchronized (lock) {
            busy++;
        }
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                THREAD.execute(this::idle);
            }
        };
    }

    /** An exchange ended (on the scheduler's thread): once none is left, what came due meanwhile fires. */
    private void idle() {
        Instant through;
        synchronized (lock) {
            busy--;
            if (busy > 0 || holds > 0) {
                return;
            }
            through = ripeThrough();
            if (goal != null && goal.isAfter(through)) {
                through = goal;
            }
        }
        fireThrough(through);
    }

    /** Releases one hold; once none is left, timers whose time came while held fire now, in order. */
    public void release() {
        Instant through;
        synchronized (lock) {
            if (holds > 0) {
                holds--;
            }
            if (holds > 0) {
                return;
            }
            through = ripeThrough();
            if (goal != null && goal.isAfter(through)) {
                through = goal;
            }
        }
        Instant limit = through;
        THREAD.execute(() -> fireThrough(limit));
    }

    /** The latest due instant of the timers whose pacing has passed, or now. Holding the lock. */
    private Instant ripeThrough() {
        Instant through = now;
        for (Timer t : pending) {
            if (t.ripe && t.due.isAfter(through)) {
                through = t.due;
            }
        }
        return through;
    }

    /**
     * Moves the clock forward by {@code step}, firing in order every timer due on the way, and
     * returns once they have run and the clock reads at least {@code now + step}. While held, the
     * clock moves at once and those timers fire on {@link #release()}. While an exchange is in
     * flight, the clock moves on as it ends, timer by timer, each at its due instant (a timer may
     * start another exchange, which the next one waits for), and the call waits for that: a
     * render's result completes before its last exchange has ended here, so a test that advances
     * the clock right after a render must not find the clock still where it was, and whatever it
     * starts next must count from the new instant. Call it from a test, never from a task, and not
     * while the caller itself keeps an exchange open ({@link #busy()}) unless {@code step} is zero.
     *
     * @throws IllegalStateException when the clock does not get there within a minute
     */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + step);
        }
        Instant target = now.plus(step);
        long bound = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try {
            THREAD.submit(() -> {
                        synchronized (lock) {
                            if (goal == null || target.isAfter(goal)) {
                                goal = target;
                            }
                        }
                        fireThrough(target);
                    })
                    .get(1, TimeUnit.MINUTES);
            // With an exchange in flight the clock moves only once it ends (on another thread).
            synchronized (lock) {
                while (now.isBefore(target)) {
                    long left = bound - System.nanoTime();
                    if (left <= 0) {
                        throw new java.util.concurrent.TimeoutException(
                                "the clock stands at " + now + " with " + busy + " exchange(s) in flight");
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while advancing the clock", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the clock could not be advanced by " + step, e);
        }
    }

    /** Timers scheduled and neither fired nor cancelled yet. */
    public int pendingTimers() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** The non-zero delays asked for so far, oldest first, in engine-clock time. */
    public List<Duration> recordedDelays() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** Forgets the recorded delays. */
    public void clearRecordedDelays() {
        synchronized (recorded) {
            recorded.clear();
        }
    }

    private void record(Duration delay) {
        synchronized (recorded) {
            if (recorded.size() >= MAX_RECORDED) {
                recorded.pollFirst();
            }
            recorded.add(delay);
        }
    }

    private void cancel(Timer timer) {
        ScheduledFuture<?> wake;
        synchronized (lock) {
            if (!timer.queued) {
                return;
            }
            timer.queued = false;
            pending.remove(timer);
            wake = timer.wake;
        }
        if (wake != null) {
            wake.cancel(false);
        }
    }

    /** The timer's real pacing has passed: it fires now, after every timer due before it. */
    private void ripen(Timer timer) {
        synchronized (lock) {
            if (!timer.queued) {
                return;
            }
            timer.ripe = true;
            if (holds > 0 || (busy > 0 && timer.due.isAfter(now))) {
                return;
            }
        }
        fireThrough(timer.due);
    }

    /** Fires, one by one and in order, every pending timer due at or before {@code limit}. */
    private void fireThrough(Instant limit) {
        while (true) {
            Timer next;
            synchronized (lock) {
                next = holds > 0 ? null : pending.peek();
                if (next == null || next.due.isAfter(limit) || (busy > 0 && next.due.isAfter(now))) {
                    reachGoal(next);
                    return;
                }
                pending.poll();
                next.queued = false;
                if (next.due.isAfter(now)) {
                    now = next.due;
                    lock.notifyAll();
                }
            }
            ScheduledFuture<?> wake = next.wake;
            if (wake != null) {
                wake.cancel(false);
            }
            guarded(next.task).run();
        }
    }

    /**
     * Once nothing more fires on the way to where {@link #advance} was to take the clock, moves it
     * there: at once while held (those timers fire on release), else once no exchange is in flight
     * and no timer is due before it. Holding the lock.
     */
    private void reachGoal(Timer next) {
        if (goal == null) {
            return;
        }
        if (holds == 0 && (busy > 0 || (next != null && !next.due.isAfter(goal)))) {
            return; // the exchanges in flight, then the timers up to the goal, come first
        }
        if (goal.isAfter(now)) {
            now = goal;
            lock.notifyAll();
        }
        goal = null;
    }

    private static Runnable guarded(Runnable task) {
        return SystemScheduler.guarded(task);
    }

    private static ScheduledThreadPoolExecutor singleThread(String name) {
        ThreadFactory factory = runnable -> {
            Thread t = new Thread(runnable, name + "-1");
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, factory);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    @Override
    public String toString() {
        return "SteppedScheduler(" + now + ", pace " + pace + ")";
    }

    /** A timer: ordered by due instant, then by the order it was scheduled in. */
    private static final class Timer implements Comparable<Timer> {
        final Instant due;
        final long sequence;
        final Runnable task;
        /** Guarded by the scheduler's lock. */
        boolean queued = true;
        /** Whether its real pacing has passed; guarded by the scheduler's lock. */
        boolean ripe;
        /** The real-time wake-up; guarded by the scheduler's lock. */
        volatile ScheduledFuture<?> wake;

        Timer(Instant due, long sequence, Runnable task) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public int compareTo(Timer other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sequence);
        }
    }
}
