package io.jenkins.plugins.happyhorse.client.reuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keeps a store's own copies within its limits: first every copy unused for longer than the age
 * limit goes, then the least recently used until the rest fit the size limit. The records stay.
 */
final class CopyEviction {
    private CopyEviction() {}

    static void evict(Map<String, StoredRender> records, StoreLimits limits, Instant now, Path dir) throws IOException {
        List<StoredRender> copies = records.values().stream()
                .filter(StoredRender::hasCopy)
                .sorted(Comparator.comparing(StoredRender::lastUsed))
                .toList();
        long total = copies.stream().mapToLong(StoredRender::bytes).sum();
        Instant oldest = now.minus(limits.maxAge());
        for (StoredRender r : copies) {
            if (r.lastUsed().isBefore(oldest) || total > limits.maxBytes()) {
                Files.deleteIfExists(dir.resolve(r.copy()));
                records.put(r.digest(), r.withCopy(""));
                total -= r.bytes();
            }
        }
    }
}
