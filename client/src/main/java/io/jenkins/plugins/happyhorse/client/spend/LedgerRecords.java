package io.jenkins.plugins.happyhorse.client.spend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's records as JSON, and what reading them in order makes of them. Money is written as
 * a decimal string ({@code "1.40"}) so that it is read back as the same {@link BigDecimal}.
 *
 * <ul>
 *   <li>{@code intent}: a charge about to be submitted ({@code id, at, job, build, host, model,
 *       seconds, resolution, aspect, usd, digest, rid});
 *   <li>{@code confirm}: {@code id, at, prediction}; {@code refuse}: {@code id, at, reason};
 *       {@code correct}: {@code id, at, usd, source};
 *   <li>{@code saving}: a reused render ({@code at, job, build, host, digest, usd, source,
 *       prediction});
 *   <li>{@code charge}: a charge folded by compaction (all of the intent's fields and {@code
 *       prediction, state, estimate, source}); {@code compacted}: the first line of a compacted
 *       month.
 * </ul>
 */
final class LedgerRecords {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Charge> charges = new LinkedHashMap<>();
    private final List<Saving> savings = new ArrayList<>();

    // ---- writing ----------------------------------------------------------------------------

    static ObjectNode intent(String id, SpendIntent i) {
        ObjectNode n =
                JSON.createObjectNode().put("type", "intent").put("id", id).put("at", i.at().toString());
        labels(n, i.labels());
        return n.put("host", i.host())
                .put("model", i.model())
                .put("seconds", i.seconds())
                .put("resolution", i.resolution())
                .put("aspect", i.aspectRatio())
                .put("usd", i.estimate().toPlainString())
                .put("digest", i.digest())
                .put("rid", i.reservation());
    }

    static ObjectNode confirm(String id, Instant at, String prediction) {
        return JSON.createObjectNode()
                .put("type", "confirm")
                .put("id", id)
                .put("at", at.toString())
                .put("prediction", prediction);
    }

    static ObjectNode refuse(String id, Instant at, String reason) {
        return JSON.createObjectNode()
                .put("type", "refuse")
                .put("id", id)
                .put("at", at.toString())
                .put("reason", reason);
    }

    static ObjectNode correct(String id, Instant at, BigDecimal usd, String source) {
        return JSON.createObjectNode()
                .put("type", "correct")
                .put("id", id)
                .put("at", at.toString())
                .put("usd", usd.toPlainString())
                .put("source", source);
    }

    static ObjectNode saving(Saving s) {
        ObjectNode n = JSON.createObjectNode().put("type", "saving").put("at", s.at().toString());
        labels(n, s.labels());
        return n.put("host", s.host())
                .put("digest", s.digest())
                .put("usd", s.usd().toPlainString())
                .put("source", s.source())
                .put("prediction", s.predictionId());
    }

    static ObjectNode charge(Charge c) {
        ObjectNode n =
                JSON.createObjectNode().put("type", "charge").put("id", c.id()).put("at", c.at().toString());
        labels(n, c.labels());
        return n.put("host", c.host())
                .put("model", c.model())
                .put("seconds", c.seconds())
                .put("resolution", c.resolution())
                .put("aspect", c.aspectRatio())
                .put("estimate", c.estimate().toPlainString())
                .put("usd", c.cost().toPlainString())
                .put("source", c.costSource())
                .put("digest", c.digest())
                .put("rid", c.reservation())
                .put("prediction", c.predictionId())
                .put("state", c.state().name().toLowerCase(java.util.Locale.ROOT));
    }

    static ObjectNode compacted(String month, Instant at) {
        return JSON.createObjectNode()
                .put("type", "compacted")
                .put("month", month)
                .put("at", at.toString());
    }

    static String text(ObjectNode record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static void labels(ObjectNode n, SpendLabels labels) {
        n.put("job", labels.job()).put("build", labels.build());
    }

    // ---- reading ----------------------------------------------------------------------------

    /** Reads one record's JSON into the state; false when it is not a record this version knows. */
    boolean apply(String json) {
        try {
            return applyNode(JSON.readTree(json));
        } catch (JsonProcessingException | RuntimeException e) {
            // A line whose checksum matched but whose content this version cannot read: skipped.
            return false;
        }
    }

    private boolean applyNode(JsonNode n) {
        String id = n.path("id").asText("");
        switch (n.path("type").asText("")) {
            case "intent" -> charges.put(id, Charge.of(id, intentOf(n)));
            case "charge" -> charges.put(id, chargeOf(n));
            case "confirm" -> update(id, c -> c.confirmed(n.path("prediction").asText("")));
            case "refuse" -> update(id, c -> c.state() == ChargeState.CONFIRMED ? c : c.voided());
            case "correct" ->
                update(id, c -> c.corrected(money(n, "usd"), n.path("source").asText("")));
            case "saving" -> savings.add(savingOf(n));
            case "compacted" -> {
                // A marker: the month's file holds folded charges.
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The charges, in the order they were first recorded. */
    Map<String, Charge> charges() {
        return charges;
    }

    List<Saving> savings() {
        return savings;
    }

    private void update(String id, java.util.function.UnaryOperator<Charge> change) {
        Charge c = charges.get(id);
        if (c != null) {
            charges.put(id, change.apply(c));
        }
    }

    private static SpendIntent intentOf(JsonNode n) {
        return new SpendIntent(
                Instant.parse(n.path("at").asText()),
                labelsOf(n),
                n.path("host").asText(""),
                n.path("model").asText(""),
                n.path("seconds").asInt(),
                n.path("resolution").asText(""),
                n.path("aspect").asText(""),
                money(n, "usd"),
                n.path("digest").asText(""),
                n.path("rid").asText(""));
    }

    private static Charge chargeOf(JsonNode n) {
        return new Charge(
                n.path("id").asText(""),
                Instant.parse(n.path("at").asText()),
                labelsOf(n),
                n.path("host").asText(""),
                n.path("model").asText(""),
                n.path("prediction").asText(""),
                n.path("seconds").asInt(),
                n.path("resolution").asText(""),
                n.path("aspect").asText(""),
                money(n, "estimate"),
                money(n, "usd"),
                n.path("source").asText(Charge.ESTIMATE),
                ChargeState.valueOf(n.path("state").asText("pending").toUpperCase(java.util.Locale.ROOT)),
                n.path("digest").asText(""),
                n.path("rid").asText(""));
    }

    private static Saving savingOf(JsonNode n) {
        return new Saving(
                Instant.parse(n.path("at").asText()),
                labelsOf(n),
                n.path("host").asText(""),
                n.path("digest").asText(""),
                money(n, "usd"),
                n.path("source").asText(""),
                n.path("prediction").asText(""));
    }

    private static SpendLabels labelsOf(JsonNode n) {
        return new SpendLabels(n.path("job").asText(""), n.path("build").asText(""));
    }

    private static BigDecimal money(JsonNode n, String field) {
        return new BigDecimal(n.path(field).asText("0"));
    }

    /** The charge id of a record that refers to one, if any. */
    static Optional<String> chargeId(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return n.has("id") ? Optional.of(n.path("id").asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
