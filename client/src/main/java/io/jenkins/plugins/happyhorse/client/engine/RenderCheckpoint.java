package io.jenkins.plugins.happyhorse.client.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.client.job.JobRef;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ClipShape;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A job's facts, all a new engine needs to pick it up without submitting again: the host and its
 * base URL, the model, the request digest, the digest of the inputs as submitted (to find the job
 * in a host's history when the id was never learned), the prediction id (null while the submit
 * is in flight), when it was submitted, and what the clip must look like. It holds no secret,
 * ever. Persist it as JSON ({@link #toJson()}/{@link #fromJson(String)}) or with Java
 * serialization.
 *
 * <p>A checkpoint {@linkplain #adopted(JobRef, URI, Instant, ClipShape) adopted} from a bare
 * prediction id (a clip someone else paid for) knows only the host, the id and perhaps the shape
 * to expect; its request digest, model, seed and cost are null.
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

    /**
     * A checkpoint. For a render this engine submitted, the model, the request digest, the
     * resolution and the aspect ratio are required; without a request digest it is an adopted job,
     * which needs its prediction id and may lack the rest.
     *
     * @throws NullPointerException when a required value is missing
     * @throws IllegalArgumentException when an adopted job has no id, or only half a shape
     */
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
        this.submittedAt = Objects.requireNonNull(submittedAt, "submittedAt");
        if (requestDigest != null) {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(resolution, "resolution");
            Objects.requireNonNull(aspectRatio, "aspectRatio");
        } else if (predictionId == null) {
            throw new IllegalArgumentException("An adopted job needs its prediction id");
        }
        if ((resolution == null) != (aspectRatio == null)) {
            throw new IllegalArgumentException(
                    "A checkpoint expects both a resolution and an aspect ratio, or neither");
        }
        this.model = model;
        this.requestDigest = requestDigest;
        this.inputDigest = inputDigest;
        this.predictionId = predictionId;
        this.resolution = resolution;
        this.aspectRatio = aspectRatio;
        this.durationSeconds = durationSeconds;
        this.seed = seed;
        this.estimatedCost = estimatedCost;
    }

    /** The checkpoint saved just before {@code spec} is submitted: no prediction id yet. */
    static RenderCheckpoint beforeSubmit(
            ClipSpec spec, URI baseUrl, String inputDigest, Instant submittedAt, BigDecimal estimatedCost) {
        return new RenderCheckpoint(
                spec.provider(),
                baseUrl,
                spec.model(),
                spec.digest(),
                inputDigest,
                null,
                submittedAt,
                spec.resolution(),
                spec.aspectRatio(),
                spec.durationSeconds(),
                spec.seedOrNull(),
                estimatedCost);
    }

    /**
     * A job known only by its id, for collecting its clip without submitting anything.
     *
     * @param baseUrl the API base URL the job was submitted to
     * @param at when it was adopted (engine clock); it stands in for the unknown submit time
     * @param expected what the clip must look like, or null to check only that it is a whole MP4
     */
    public static RenderCheckpoint adopted(JobRef job, URI baseUrl, Instant at, ClipShape expected) {
        return new RenderCheckpoint(
                job.provider(),
                baseUrl,
                null,
                null,
                null,
                job.predictionId(),
                at,
                expected == null ? null : expected.resolution(),
                expected == null ? null : expected.aspectRatio(),
                expected == null ? 0 : expected.durationSeconds(),
                null,
                null);
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

    /** The model, or null for an adopted job. */
    public String model() {
        return model;
    }

    /** The spec's digest ({@link ClipSpec#digest()}), or null for an adopted job. */
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

    /** The job, once its id is known. */
    public Optional<JobRef> job() {
        return predictionId == null ? Optional.empty() : Optional.of(new JobRef(provider, predictionId));
    }

    /** When the submit was sent (engine clock); for an adopted job, when it was adopted. */
    public Instant submittedAt() {
        return submittedAt;
    }

    /** Whether this job was adopted by its id rather than submitted by this engine. */
    public boolean adopted() {
        return requestDigest == null;
    }

    /** What the clip must look like, when known. */
    public Optional<ClipShape> expected() {
        return resolution == null
                ? Optional.empty()
                : Optional.of(new ClipShape(resolution, aspectRatio, durationSeconds));
    }

    /** The resolution asked for, or null when not known. */
    public Resolution resolution() {
        return resolution;
    }

    /** The aspect ratio asked for, or null when not known. */
    public AspectRatio aspectRatio() {
        return aspectRatio;
    }

    /** The length asked for in seconds, or 0 when not known. */
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
        n.put("resolution", resolution == null ? null : resolution.wire());
        n.put("aspectRatio", aspectRatio == null ? null : aspectRatio.wire());
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
            boolean ours = optional(n, "requestDigest") != null;
            String resolution = ours ? required(n, "resolution") : optional(n, "resolution");
            String aspectRatio = ours ? required(n, "aspectRatio") : optional(n, "aspectRatio");
            return new RenderCheckpoint(
                    ProviderId.parse(required(n, "provider"))
                            .orElseThrow(() -> new IllegalArgumentException("Unknown provider in the checkpoint")),
                    URI.create(required(n, "baseUrl")),
                    ours ? required(n, "model") : optional(n, "model"),
                    optional(n, "requestDigest"),
                    optional(n, "inputDigest"),
                    ours ? optional(n, "predictionId") : required(n, "predictionId"),
                    Instant.parse(required(n, "submittedAt")),
                    resolution == null
                            ? null
                            : Resolution.parse(resolution)
                                    .orElseThrow(
                                            () -> new IllegalArgumentException("Unknown resolution in the checkpoint")),
                    aspectRatio == null
                            ? null
                            : AspectRatio.parse(aspectRatio)
                                    .orElseThrow(() ->
                                            new IllegalArgumentException("Unknown aspect ratio in the checkpoint")),
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
        return "RenderCheckpoint{" + provider + ", prediction=" + predictionId + ", "
                + (requestDigest == null
                        ? "adopted"
                        : "digest=" + requestDigest.substring(0, Math.min(12, requestDigest.length())) + "…")
                + ", submittedAt=" + submittedAt + "}";
    }
}
