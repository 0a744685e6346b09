package io.jenkins.plugins.happyhorse.client.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * What a new engine needs to pick up a submitted render without submitting again: the host and
 * its base URL, the model, the request digest, the digest of the inputs as submitted (to find the
 * job in a host's history when the id was never learned), the prediction id (null while the
 * submit is in flight), when it was submitted, and what the clip must look like. It holds no
 * secret, ever. Persist it as JSON ({@link #toJson()}/{@link #fromJson(String)}) or with Java
 * serialization.
 */
public final class RenderCheckpoint implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int FORMAT = 1;

    private final ProviderId provider;
    private final URI baseUrl;
    private final String model;
    private final String requestDigest;
    private final String inputDigest;
    private final String predictionId;
    private final Instant submittedAt;
    private final Resolution resolution;
    private final AspectRatio aspectRatio;
    private final int durationSeconds;
    private final Long seed;
    private final BigDecimal estimatedCost;

    public RenderCheckpoint(
            ProviderId provider,
            URI baseUrl,
            String model,
            String requestDigest,
            String inputDigest,
            String predictionId,
            Instant submittedAt,
            Resolution resolution,
            AspectRatio aspectRatio,
            int durationSeconds,
            Long seed,
            BigDecimal estimatedCost) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.model = Objects.requireNonNull(model, "model");
        this.requestDigest = Objects.requireNonNull(requestDigest, "requestDigest");
        this.inputDigest = inputDigest;
        this.predictionId = predictionId;
        this.submittedAt = Objects.requireNonNull(submittedAt, "submittedAt");
        this.resolution = Objects.requireNonNull(resolution, "resolution");
        this.aspectRatio = Objects.requireNonNull(aspectRatio, "aspectRatio");
        this.durationSeconds = durationSeconds;
        this.seed = seed;
        this.estimatedCost = estimatedCost;
    }

    /** This checkpoint with the host's job id. */
    public RenderCheckpoint withPredictionId(String id) {
        return new RenderCheckpoint(
                provider,
                baseUrl,
                model,
                requestDigest,
                inputDigest,
                id,
                submittedAt,
                resolution,
                aspectRatio,
                durationSeconds,
                seed,
                estimatedCost);
    }

    public ProviderId provider() {
        return provider;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String model() {
        return model;
    }

    /** SHA-256 of the canonical request ({@link io.jenkins.plugins.happyhorse.client.request.RenderRequest#digest()}). */
    public String requestDigest() {
        return requestDigest;
    }

    /** SHA-256 of the inputs as submitted, for finding the job in a host's history; may be null. */
    public String inputDigest() {
        return inputDigest;
    }

    /** The host's job id, or null while the submit reply is outstanding. */
    public String predictionId() {
        return predictionId;
    }

    /** When the submit was sent (engine clock). */
    public Instant submittedAt() {
        return submittedAt;
    }

    public Resolution resolution() {
        return resolution;
    }

    public AspectRatio aspectRatio() {
        return aspectRatio;
    }

    public int durationSeconds() {
        return durationSeconds;
    }

    /** The seed sent, or null when the host chose one. */
    public Long seed() {
        return seed;
    }

    /** The estimate in USD, or null. */
    public BigDecimal estimatedCost() {
        return estimatedCost;
    }

    /** A JSON object with every field. */
    public String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("provider", provider.id());
        n.put("baseUrl", baseUrl.toString());
        n.put("model", model);
        n.put("requestDigest", requestDigest);
        n.put("inputDigest", inputDigest);
        n.put("predictionId", predictionId);
        n.put("submittedAt", submittedAt.toString());
        n.put("resolution", resolution.wire());
        n.put("aspectRatio", aspectRatio.wire());
        n.put("durationSeconds", durationSeconds);
        if (seed == null) {
            n.putNull("seed");
        } else {
            n.put("seed", seed);
        }
        n.put("estimatedCost", estimatedCost == null ? null : estimatedCost.toPlainString());
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a checkpoint", e);
        }
    }

    /**
     * Reads {@link #toJson()}'s output.
     *
     * @throws IllegalArgumentException when the text is not a checkpoint
     */
    public static RenderCheckpoint fromJson(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The checkpoint is not valid JSON", e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("The checkpoint is not a JSON object");
        }
        try {
            return new RenderCheckpoint(
                    ProviderId.parse(required(n, "provider"))
                            .orElseThrow(() -> new IllegalArgumentException("Unknown provider in the checkpoint")),
                    URI.create(required(n, "baseUrl")),
                    required(n, "model"),
                    required(n, "requestDigest"),
                    optional(n, "inputDigest"),
                    optional(n, "predictionId"),
                    Instant.parse(required(n, "submittedAt")),
                    Resolution.parse(required(n, "resolution"))
                            .orElseThrow(() -> new IllegalArgumentException("Unknown resolution in the checkpoint")),
                    AspectRatio.parse(required(n, "aspectRatio"))
                            .orElseThrow(() -> new IllegalArgumentException("Unknown aspect ratio in the checkpoint")),
                    n.path("durationSeconds").asInt(),
                    n.hasNonNull("seed") ? n.get("seed").asLong() : null,
                    optional(n, "estimatedCost") == null ? null : new BigDecimal(optional(n, "estimatedCost")));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("The checkpoint holds an unreadable value", e);
        }
    }

    private static String required(JsonNode n, String field) {
        String v = optional(n, field);
        if (v == null) {
            throw new IllegalArgumentException("The checkpoint lacks " + field);
        }
        return v;
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderCheckpoint c && toJson().equals(c.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "RenderCheckpoint{" + provider + ", prediction=" + predictionId + ", digest="
                + requestDigest.substring(0, Math.min(12, requestDigest.length())) + "…, submittedAt=" + submittedAt
                + "}";
    }
}
