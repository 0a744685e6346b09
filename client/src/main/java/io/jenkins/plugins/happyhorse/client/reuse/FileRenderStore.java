package io.jenkins.plugins.happyhorse.client.reuse;

import io.jenkins.plugins.happyhorse.client.durable.DurableFiles;
import io.jenkins.plugins.happyhorse.client.durable.FolderLock;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A render store in a folder: {@code index.json} (every record, rewritten atomically on each
 * change) and {@code clips/} (the store's own copies, for sources that may be deleted, within
 * {@link StoreLimits}). Changes take the folder's lock and read the index again first, so several
 * processes may share the folder (command-line runs; a controller's {@code JENKINS_HOME}).
 * Clips are read through a {@link ClipResolver}, so the records may point at files or at a
 * caller's own locations (archived artifacts).
 */
public final class FileRenderStore implements RenderStore {
    static final String INDEX = "index.json";
    static final String CLIPS = "clips";

    private final Path dir;
    private final ClipResolver resolver;
    private final StoreLimits limits;
    private final Clock clock;
    private final FolderLock lock;
    private final StoreIndex index;
    private final ReuseFlights flights = new ReuseFlights();

    private FileRenderStore(Path dir, ClipResolver resolver, StoreLimits limits, Clock clock) {
        this.dir = dir;
        this.resolver = resolver;
        this.limits = limits;
        this.clock = clock;
        this.lock = new FolderLock(dir);
        this.index = new StoreIndex(dir.resolve(INDEX));
    }

    /** The store in {@code dir} for clips at file locators, default limits, the system clock. */
    public static FileRenderStore open(Path dir) {
        return open(dir, ClipResolver.files(), StoreLimits.defaults(), Clock.systemUTC());
    }

    /** The store in {@code dir} (created if need be). */
    public static FileRenderStore open(Path dir, ClipResolver resolver, StoreLimits limits, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir.resolve(CLIPS));
        } catch (IOException e) {
            throw new UncheckedIOException("The render store's folder " + dir + " cannot be created", e);
        }
        return new FileRenderStore(
                dir,
                Objects.requireNonNull(resolver, "resolver"),
                Objects.requireNonNull(limits, "limits"),
                Objects.requireNonNull(clock, "clock"));
    }

    /** The folder. */
    public Path folder() {
        return dir;
    }

    @Override
    public ReuseFlights flights() {
        return flights;
    }

    @Override
    public Optional<StoredRender> find(String digest) {
        return Optional.ofNullable(index.read().get(digest));
    }

    @Override
    public List<StoredRender> list() {
        return new ArrayList<>(index.read().values());
    }

    @Override
    public ReuseLookup lookup(String digest) {
        StoredRender render = index.read().get(digest);
        if (render == null) {
            return new ReuseLookup.None();
        }
        // Verified outside the lock: reading a clip takes a while, and others may look up meanwhile.
        Check source = check(render, () -> resolver.open(render.locator()));
        if (source.problem == null) {
            touch(digest);
            return new ReuseLookup.Found(render, source(render.locator(), () -> resolver.open(render.locator())), "");
        }
        if (render.hasCopy()) {
            Path copy = dir.resolve(render.copy());
            Check own = check(render, () -> Files.newInputStream(copy));
            if (own.problem == null) {
                touch(digest);
                return new ReuseLookup.Found(
                        render,
                        source("the render store's own copy", () -> Files.newInputStream(copy)),
                        "the source " + render.locator() + " is " + source.detail);
            }
        }
        return new ReuseLookup.Unusable(render, source.problem, source.detail);
    }

    @Override
    public void record(StoredRender render, Path clip, boolean keepCopy) {
        Objects.requireNonNull(render, "render");
        if (!render.digest().matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("digest: " + render.digest() + " is not allowed; allowed: a SHA-256"
                    + " in lower-case hex, as ClipSpec.digest() gives");
        }
        mutate(records -> {
            String copy = "";
            if (keepCopy && render.bytes() <= limits.maxBytes()) {
                copy = CLIPS + "/" + render.digest() + ".mp4";
                keepCopy(clip, dir.resolve(copy), render);
            }
            StoredRender previous = records.get(render.digest());
            if (previous != null && previous.hasCopy() && !previous.copy().equals(copy)) {
                Files.deleteIfExists(dir.resolve(previous.copy()));
            }
            records.put(render.digest(), render.withCopy(copy).usedAt(clock.instant()));
        });
    }

    @Override
    public boolean forget(String digest) {
        boolean[] had = new boolean[1];
        mutate(records -> {
            StoredRender gone = records.remove(digest);
            had[0] = gone != null;
            if (gone != null && gone.hasCopy()) {
                Files.deleteIfExists(dir.resolve(gone.copy()));
            }
        });
        return had[0];
    }

    private void touch(String digest) {
        mutate(records -> records.computeIfPresent(digest, (d, r) -> r.usedAt(clock.instant())));
    }

    /** Changes the records under the folder's lock, evicts copies beyond the limits, writes the index. */
    private void mutate(Change change) {
        try (FolderLock.Held held = lock.lock()) {
            Map<String, StoredRender> records = index.read();
            change.apply(records);
            CopyEviction.evict(records, limits, clock.instant(), dir);
            index.write(records);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The render store in " + dir + " could not be written (" + e.getMessage() + ")", e);
        }
    }

    /** Copies the clip into the store, checking it is the recorded one, and forces it to the disk. */
    private static void keepCopy(Path clip, Path target, StoredRender render) throws IOException {
        Path temp = DurableFiles.tempBeside(target);
        try {
            ClipFingerprint fp;
            try (InputStream in = Files.newInputStream(clip);
                    OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                fp = ClipFingerprint.copy(in, out);
            }
            if (!fp.matches(render)) {
                throw new IOException("the clip " + clip + " changed before it could be copied");
            }
            try (var ch = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(
                    temp,
                    target,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.forceFolder(DurableFiles.folderOf(target));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Check check(StoredRender render, Opener opener) {
        try (InputStream in = opener.open()) {
            ClipFingerprint fp = ClipFingerprint.copy(in, OutputStream.nullOutputStream());
            if (fp.matches(render)) {
                return new Check(null, "");
            }
            return new Check(
                    ReuseLookup.Problem.DAMAGED,
                    "damaged: " + fp.bytes() + " bytes with SHA-256 " + fp.sha256() + ", where " + render.bytes()
                            + " bytes with SHA-256 " + render.sha256() + " were stored");
        } catch (NoSuchFileException | FileNotFoundException e) {
            return new Check(ReuseLookup.Problem.MISSING, "missing");
        } catch (IOException | UncheckedIOException e) {
            return new Check(ReuseLookup.Problem.MISSING, "unreadable (" + e.getMessage() + ")");
        }
    }

    private static ReuseLookup.Source source(String where, Opener opener) {
        return new ReuseLookup.Source() {
            @Override
            public InputStream open() throws IOException {
                return opener.open();
            }

            @Override
            public String describe() {
                return where;
            }
        };
    }

    @Override
    public String toString() {
        return "FileRenderStore{" + dir + "}";
    }

    private record Check(ReuseLookup.Problem problem, String detail) {}

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    @FunctionalInterface
    private interface Change {
        void apply(Map<String, StoredRender> records) throws IOException;
    }

    /** Used by tests to see when copies were last used. */
    Instant now() {
        return clock.instant();
    }
}
