package io.jenkins.plugins.happyhorse.client.spend;

import io.jenkins.plugins.happyhorse.client.durable.DurableFiles;
import io.jenkins.plugins.happyhorse.client.durable.FolderLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The spend ledger in a folder: one append-only file of JSON lines per month ({@code 2026-03.jsonl},
 * by the ledger clock's month, in UTC), each line checksummed ({@link LedgerLine}). Every append is
 * forced to the disk before it returns, under the folder's lock, so several processes (command-line
 * runs, a controller) can share one folder; before answering a question the ledger reads what
 * others appended since. A line torn by a crash fails its checksum and is ignored, and the next
 * append starts on a line of its own. When a month is over, its file is compacted: each charge's
 * records folded into one, written beside the file and renamed over it.
 *
 * <p>Thread-safe. Works for the command line's state folder and for a Jenkins controller's {@code
 * JENKINS_HOME} alike.
 */
public final class FileSpendLedger implements SpendLedger {
    /** The extension of a month's file. */
    static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final Clock clock;
    private final FolderLock lock;
    /** Guards everything below. */
    private final Object state = new Object();

    private LedgerRecords records = new LedgerRecords();
    private final Map<Path, Mark> marks = new HashMap<>();
    private long damagedLines;

    private FileSpendLedger(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        this.lock = new FolderLock(dir);
    }

    /** Opens (creating if need be) the ledger in {@code dir}, on the system clock. */
    public static FileSpendLedger open(Path dir) {
        return open(dir, Clock.systemUTC());
    }

    /**
     * Opens (creating if need be) the ledger in {@code dir}; {@code clock} dates the records and
     * says which months are over (and compacted).
     */
    public static FileSpendLedger open(Path dir, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("The spend ledger's folder " + dir + " cannot be created", e);
        }
        FileSpendLedger ledger = new FileSpendLedger(dir, Objects.requireNonNull(clock, "clock"));
        ledger.compact();
        return ledger;
    }

    /** The folder. */
    public Path folder() {
        return dir;
    }

    /** Lines that failed their checksum (torn by a crash or damaged), ignored. */
    public long damagedLines() {
        synchronized (state) {
            refresh();
            return damagedLines;
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    @Override
    public String intent(SpendIntent intent) {
        Objects.requireNonNull(intent, "intent");
        String id = UUID.randomUUID().toString();
        append(LedgerRecords.intent(id, intent));
        return id;
    }

    @Override
    public void confirm(String chargeId, String predictionId) {
        Optional<Charge> known = charge(chargeId);
        if (known.isPresent()
                && known.get().state() == ChargeState.CONFIRMED
                && known.get().predictionId().equals(predictionId)) {
            return;
        }
        append(LedgerRecords.confirm(chargeId, clock.instant(), Objects.requireNonNull(predictionId, "predictionId")));
    }

    @Override
    public void refuse(String chargeId, String reason) {
        append(LedgerRecords.refuse(chargeId, clock.instant(), Objects.requireNonNull(reason, "reason")));
    }

    @Override
    public void correct(String chargeId, BigDecimal usd, String source) {
        if (usd == null || usd.signum() < 0) {
            throw new IllegalArgumentException("a corrected price must be zero or more, was " + usd);
        }
        append(LedgerRecords.correct(chargeId, clock.instant(), usd, Objects.requireNonNull(source, "source")));
    }

    @Override
    public void saving(Saving saving) {
        append(LedgerRecords.saving(Objects.requireNonNull(saving, "saving")));
    }

    private void append(com.fasterxml.jackson.databind.node.ObjectNode record) {
        byte[] line = (LedgerLine.encode(LedgerRecords.text(record)) + "\n").getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve(YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)) + SUFFIX);
        synchronized (state) {
            try (FolderLock.Held held = lock.lock()) {
                refresh();
                DurableFiles.appendLine(file, line);
                refresh();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "The spend ledger in " + dir + " could not be written (" + e.getMessage() + ")", e);
            }
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    @Override
    public Optional<Charge> charge(String chargeId) {
        synchronized (state) {
            refresh();
            return Optional.ofNullable(records.charges().get(chargeId));
        }
    }

    @Override
    public Optional<Charge> byPrediction(String host, String predictionId) {
        return charges().stream()
                .filter(c -> c.host().equals(host) && c.predictionId().equals(predictionId))
                .findFirst();
    }

    @Override
    public Optional<Charge> bySubmit(String host, String digest, Instant at) {
        return charges().stream()
                .filter(c -> c.host().equals(host) && c.digest().equals(digest) && c.at().equals(at))
                .findFirst();
    }

    @Override
    public List<Charge> charges() {
        synchronized (state) {
            refresh();
            return List.copyOf(records.charges().values());
        }
    }

    @Override
    public List<Saving> savings() {
        synchronized (state) {
            refresh();
            return List.copyOf(records.savings());
        }
    }

    /**
     * Reads what was appended since the last look, from this process or another. A file that was
     * replaced (compacted) or shrank makes the ledger read everything again.
     */
    private void refresh() {
        try {
            List<Path> files = monthFiles();
            for (Path f : files) {
                Mark mark = marks.get(f);
                BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class);
                if (mark != null && (!Objects.equals(mark.key, attrs.fileKey()) || attrs.size() < mark.offset)) {
                    reloadAll(files);
                    return;
                }
            }
            for (Path f : files) {
                readFrom(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The spend ledger in " + dir + " could not be read (" + e.getMessage() + ")", e);
        }
    }

    private void reloadAll(List<Path> files) throws IOException {
        records = new LedgerRecords();
        marks.clear();
        damagedLines = 0;
        for (Path f : files) {
            readFrom(f);
        }
    }

    /** Applies the whole lines of {@code f} after its mark; a torn last line is left for later. */
    private void readFrom(Path f) throws IOException {
        Mark mark = marks.get(f);
        long offset = mark == null ? 0 : mark.offset;
        byte[] bytes;
        Object key;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            key = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
            if (size <= offset) {
                marks.put(f, new Mark(key, offset));
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (buffer.hasRemaining() && ch.read(buffer, offset + buffer.position()) > 0) {
                // Read until the buffer is full.
            }
            bytes = buffer.array();
        }
        int end = lastNewline(bytes);
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                applyLine(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        marks.put(f, new Mark(key, offset + end));
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private void applyLine(String line) {
        if (line.isBlank()) {
            return;
        }
        Optional<String> record = LedgerLine.decode(line);
        if (record.isEmpty() || !records.apply(record.get())) {
            damagedLines++;
        }
    }

    private List<Path> monthFiles() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> String.valueOf(p.getFileName()).endsWith(SUFFIX))
                    .sorted()
                    .toList();
        }
    }

    // ---- compaction -------------------------------------------------------------------------

    /**
     * Folds every month before the current one (by the ledger clock) that is not folded yet: each
     * charge's intent, confirmation, refusal and corrections become one {@code charge} record;
     * savings and records about charges of earlier months are kept as they are. The folded file is
     * written beside the month's file and renamed over it, so a crash leaves one or the other.
     * Leftover temporary files of a crash are deleted.
     */
    public void compact() {
        String current = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).toString();
        synchronized (state) {
            try (FolderLock.Held held = lock.lock()) {
                try (Stream<Path> list = Files.list(dir)) {
                    for (Path leftover : list.filter(
                                    p -> String.valueOf(p.getFileName()).endsWith(DurableFiles.TEMP_SUFFIX))
                            .toList()) {
                        Files.deleteIfExists(leftover);
                    }
                }
                for (Path f : monthFiles()) {
                    String month = String.valueOf(f.getFileName()).replace(SUFFIX, "");
                    if (month.compareTo(current) < 0) {
                        MonthCompaction.compact(f, month, clock.instant());
                    }
                }
                marks.clear();
                records = new LedgerRecords();
                damagedLines = 0;
                refresh();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "The spend ledger in " + dir + " could not be compacted (" + e.getMessage() + ")", e);
            }
        }
    }

    @Override
    public String toString() {
        return "FileSpendLedger{" + dir + "}";
    }

    /** How far a file has been read, and which file it was. */
    private record Mark(Object key, long offset) {}
}
