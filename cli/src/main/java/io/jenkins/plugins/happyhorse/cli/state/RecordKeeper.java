package io.jenkins.plugins.happyhorse.cli.state;

import io.jenkins.plugins.happyhorse.client.engine.CheckpointStore;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Keeps one render's record in the state folder up to date: it is the engine's checkpoint store
 * (so the record is on disk before the submit is sent, and again once the host's id is known),
 * and the command writes the outcome through it at the end. Writes happen one at a time, in order,
 * on a thread of its own, so the engine holds no thread while a record is written.
 */
public final class RecordKeeper implements CheckpointStore, AutoCloseable {
    private final StateFolder folder;
    private final Clock clock;
    private final ExecutorService writer;
    private final Draft draft;
    private volatile RenderRecord current;

    private RecordKeeper(StateFolder folder, Clock clock, Draft draft, RenderRecord current) {
        this.folder = folder;
        this.clock = clock;
        this.draft = draft;
        this.current = current;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "happyhorse-state");
            t.setDaemon(true);
            return t;
        });
    }

    /** For a render about to start: the record is written with its first checkpoint. */
    public static RecordKeeper forNew(StateFolder folder, Clock clock, Source source, Path output, boolean simulated) {
        Instant now = clock.instant();
        return new RecordKeeper(folder, clock, new Draft(StateFolder.newId(now), now, source, output, simulated), null);
    }

    /** For a render the folder already has (a resume): it is taken over by this process. */
    public static RecordKeeper forExisting(StateFolder folder, Clock clock, RenderRecord record) throws IOException {
        RecordKeeper keeper = new RecordKeeper(folder, clock, null, record);
        keeper.update(b -> b.ownerPid(ProcessHandle.current().pid()));
        return keeper;
    }

    /** The record as last written, once there is one. */
    public Optional<RenderRecord> current() {
        return Optional.ofNullable(current);
    }

    /** The local id the record has, or will have. */
    public String id() {
        RenderRecord r = current;
        return r != null ? r.id() : draft.id();
    }

    @Override
    public CompletionStage<Void> save(RenderCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        return CompletableFuture.runAsync(
                () -> {
                    RenderRecord r = current;
                    RenderRecord next =
                            r == null ? draft.first(checkpoint) : r.withCheckpoint(checkpoint, clock.instant());
                    write(next);
                },
                writer);
    }

    /**
     * Writes the record of a new render whose clip was reused from an identical earlier render:
     * nothing was submitted, so no checkpoint came from the engine, and {@code at} (the paid job's
     * id and cost) stands in for it.
     *
     * @throws IOException when it cannot be written
     */
    public void reused(RenderCheckpoint at) throws IOException {
        if (draft == null) {
            throw new IllegalStateException("only a new render can be a reused one");
        }
        try {
            CompletableFuture.runAsync(
                            () -> write(draft.first(at).toBuilder().reused(true).build()), writer)
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    /**
     * Changes the record and writes it, after any write still pending; does nothing before there
     * is a record. Returns the record as written.
     *
     * @throws IOException when it cannot be written
     */
    public Optional<RenderRecord> update(UnaryOperator<RenderRecord.Builder> change) throws IOException {
        return replace(r -> change.apply(r.toBuilder()).build());
    }

    /**
     * Like {@link #update}, for a change that depends on the record as it stands after every
     * pending write (the command to run next depends on whether the host's id was recorded).
     */
    public Optional<RenderRecord> replace(UnaryOperator<RenderRecord> change) throws IOException {
        try {
            return CompletableFuture.supplyAsync(
                            () -> {
                                RenderRecord r = current;
                                if (r == null) {
                                    return Optional.<RenderRecord>empty();
                                }
                                RenderRecord next = change.apply(r).toBuilder()
                                        .updatedAt(clock.instant())
                                        .build();
                                write(next);
                                return Optional.of(next);
                            },
                            writer)
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    private void write(RenderRecord record) {
        try {
            folder.save(record);
            current = record;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets pending writes finish (briefly), then stops the writer. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a new render's record starts with, before its first checkpoint. */
    private record Draft(String id, Instant createdAt, Source source, Path output, boolean simulated) {
        RenderRecord first(RenderCheckpoint checkpoint) {
            return RenderRecord.builder(id, createdAt, source, output.toAbsolutePath(), checkpoint)
                    .simulated(simulated)
                    .ownerPid(ProcessHandle.current().pid())
                    .build();
        }
    }
}
