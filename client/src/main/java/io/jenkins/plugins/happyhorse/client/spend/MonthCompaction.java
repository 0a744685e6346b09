package io.jenkins.plugins.happyhorse.client.spend;

import io.jenkins.plugins.happyhorse.client.durable.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Folds one finished month's file: the charges begun in it become one {@code charge} record each
 * (their state, prediction id and price as the month's records left them), savings are kept, and
 * records about charges begun in an earlier month are kept as they are, in order. Lines that fail
 * their checksum are dropped. The result replaces the file atomically.
 */
final class MonthCompaction {
    private MonthCompaction() {}

    static void compact(Path file, String month, Instant now) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> valid = new ArrayList<>();
        for (String line : lines) {
            LedgerLine.decode(line).ifPresent(valid::add);
        }
        if (!valid.isEmpty() && valid.get(0).contains("\"type\":\"compacted\"")) {
            return;
        }
        LedgerRecords local = new LedgerRecords();
        Set<String> begunHere = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        for (String record : valid) {
            boolean starts = record.startsWith("{\"type\":\"intent\"") || record.startsWith("{\"type\":\"charge\"");
            Optional<String> id = LedgerRecords.chargeId(record);
            if (starts) {
                id.ifPresent(begunHere::add);
                local.apply(record);
            } else if (record.startsWith("{\"type\":\"saving\"")) {
                kept.add(record);
            } else if (id.isPresent() && begunHere.contains(id.get())) {
                local.apply(record);
            } else {
                // About a charge of an earlier month: kept for the fold that reads both files.
                kept.add(record);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(LedgerLine.encode(LedgerRecords.text(LedgerRecords.compacted(month, now))))
                .append('\n');
        for (Charge c : local.charges().values()) {
            out.append(LedgerLine.encode(LedgerRecords.text(LedgerRecords.charge(c))))
                    .append('\n');
        }
        for (String record : kept) {
            out.append(LedgerLine.encode(record)).append('\n');
        }
        DurableFiles.replace(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
