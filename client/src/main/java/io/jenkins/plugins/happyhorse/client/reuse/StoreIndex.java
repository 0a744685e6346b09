package io.jenkins.plugins.happyhorse.client.reuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.client.durable.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store's {@code index.json}: {@code {"version": 1, "renders": [record…]}}, rewritten whole and
 * atomically ({@link DurableFiles#replace}), so a reader sees the old index or the new one. An
 * index that cannot be read (damaged by hand) is moved aside and the store starts empty: reuse is
 * an optimisation, and a lost index only costs a fresh render.
 */
final class StoreIndex {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    StoreIndex(Path file) {
        this.file = file;
    }

    /** Every record, oldest first. */
    synchronized Map<String, StoredRender> read() {
        Map<String, StoredRender> records = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return records;
        } catch (IOException e) {
            setAside();
            return records;
        }
        for (JsonNode n : root.path("renders")) {
            try {
                StoredRender r = of(n);
                records.put(r.digest(), r);
            } catch (RuntimeException e) {
                // A record this version cannot read is skipped, not fatal.
            }
        }
        return records;
    }

    synchronized void write(Map<String, StoredRender> records) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("version", 1);
        ArrayNode renders = root.putArray("renders");
        records.values().forEach(r -> renders.add(node(r)));
        DurableFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private void setAside() {
        try {
            Files.move(
                    file,
                    file.resolveSibling(INDEX_DAMAGED + Instant.now().toEpochMilli()),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The render store's index " + file + " is damaged and cannot be moved"
                            + " aside; delete it to start the store afresh",
                    e);
        }
    }

    private static final String INDEX_DAMAGED = "index.json.damaged-";

    private static ObjectNode node(StoredRender r) {
        return JSON.createObjectNode()
                .put("digest", r.digest())
                .put("locator", r.locator())
                .put("bytes", r.bytes())
                .put("sha256", r.sha256())
                .put("usd", r.usd().toPlainString())
                .put("host", r.host())
                .put("prediction", r.predictionId())
                .put("at", r.at().toString())
                .put("producer", r.producer())
                .put("seconds", r.seconds())
                .put("resolution", r.resolution())
                .put("aspect", r.aspectRatio())
                .put("copy", r.copy())
                .put("lastUsed", r.lastUsed().toString());
    }

    /** A copy's name as the store makes them, or none: a hand-edited index never points outside the folder. */
    private static String copyName(String name) {
        return name.matches(FileRenderStore.CLIPS + "/[0-9a-f]{64}\\.mp4") ? name : "";
    }

    private static StoredRender of(JsonNode n) {
        return new StoredRender(
                n.path("digest").asText(),
                n.path("locator").asText(),
                n.path("bytes").asLong(),
                n.path("sha256").asText(),
                new BigDecimal(n.path("usd").asText("0")),
                n.path("host").asText(""),
                n.path("prediction").asText(""),
                Instant.parse(n.path("at").asText()),
                n.path("producer").asText(""),
                n.path("seconds").asInt(),
                n.path("resolution").asText(""),
                n.path("aspect").asText(""),
                copyName(n.path("copy").asText("")),
                Instant.parse(n.path("lastUsed").asText(n.path("at").asText())));
    }
}
