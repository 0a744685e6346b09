package io.jenkins.plugins.happyhorse.cli.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * One render as the state folder remembers it: the engine's {@link RenderCheckpoint} (the job's
 * facts: host, base URL, prediction id, seed, cost, the clip's expected shape) and what the
 * command line adds: a local id, when it started, how the clip came about, where it goes, where it
 * stands, the clip it delivered, the last error and the command to run next. The job's facts are
 * kept once, in the checkpoint; the JSON form repeats them flat for scripts. Holds no secret.
 * Immutable.
 */
public final class RenderRecord {
    /** The version of the record's JSON form. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String id;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Source source;
    private final boolean reused;
    private final boolean simulated;
    private final RecordState state;
    private final Path output;
    private final RenderCheckpoint checkpoint;
    private final Clip clip;
    private final String error;
    private final String next;
    private final Long ownerPid;

    private RenderRecord(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = b.updatedAt == null ? b.createdAt : b.updatedAt;
        this.source = Objects.requireNonNull(b.source, "source");
        this.reused = b.reused;
        this.simulated = b.simulated;
        this.state = Objects.requireNonNull(b.state, "state");
        this.output = Objects.requireNonNull(b.output, "output");
        this.checkpoint = Objects.requireNonNull(b.checkpoint, "checkpoint");
        this.clip = b.clip;
        this.error = b.error;
        this.next = b.next;
        this.ownerPid = b.ownerPid;
    }

    /** A new record. */
    public static Builder builder(String id, Instant createdAt, Source source, Path output, RenderCheckpoint at) {
        Builder b = new Builder();
        b.id = id;
        b.createdAt = createdAt;
        b.source = source;
        b.output = output;
        b.checkpoint = at;
        b.state = at.predictionId() == null ? RecordState.SUBMITTING : RecordState.WAITING;
        return b;
    }

    /** A builder holding this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.source = source;
        b.reused = reused;
        b.simulated = simulated;
        b.state = state;
        b.output = output;
        b.checkpoint = checkpoint;
        b.clip = clip;
        b.error = error;
        b.next = next;
        b.ownerPid = ownerPid;
        return b;
    }

    /** This record with a newer checkpoint (the host's id, once known), still unfinished. */
    public RenderRecord withCheckpoint(RenderCheckpoint newer, Instant at) {
        Builder b = toBuilder();
        b.checkpoint = newer;
        b.updatedAt = at;
        if (state == RecordState.SUBMITTING && newer.predictionId() != null) {
            b.state = RecordState.WAITING;
        }
        return b.build();
    }

    /** The local id, e.g. {@code 20260101-120000-3f9a}: unique in the folder, and what names a render without a prediction id. */
    public String id() {
        return id;
    }

    /** When the command that made it started (wall clock). */
    public Instant createdAt() {
        return createdAt;
    }

    /** When it was last written (wall clock). */
    public Instant updatedAt() {
        return updatedAt;
    }

    public Source source() {
        return source;
    }

    /**
     * Whether the clip was reused from an identical earlier render rather than paid for again: then
     * the prediction id is the paid job's, and the checkpoint's cost is what the reuse saved.
     */
    public boolean reused() {
        return reused;
    }

    /** Whether the built-in simulator played the host (nothing was billed, and the job is gone). */
    public boolean simulated() {
        return simulated;
    }

    public RecordState state() {
        return state;
    }

    /** The absolute path the clip goes to. */
    public Path output() {
        return output;
    }

    /** The job's facts, as the engine keeps them. */
    public RenderCheckpoint checkpoint() {
        return checkpoint;
    }

    public ProviderId host() {
        return checkpoint.provider();
    }

    /** The host's id of the job, or null while the submit's reply is outstanding (or was lost). */
    public String predictionId() {
        return checkpoint.predictionId();
    }

    /** The prediction id when known, else the local id: what {@code resume} and {@code history} name it by. */
    public String handle() {
        return predictionId() == null ? id : predictionId();
    }

    /** The delivered clip, once done. */
    public Optional<Clip> clip() {
        return Optional.ofNullable(clip);
    }

    /** The last failure's message, or null. */
    public String error() {
        return error;
    }

    /** The command to run next to collect the clip, or null. */
    public String next() {
        return next;
    }

    /** The process working on it now, or null when none is. */
    public Long ownerPid() {
        return ownerPid;
    }

    /** Whether a process other than this one is working on it now. */
    public boolean ownedByAnotherLiveProcess() {
        return ownerPid != null
                && ownerPid != ProcessHandle.current().pid()
                && ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether {@code happyhorse resume} can take it up: unfinished, and not played by a simulator that is gone. */
    public boolean resumable() {
        return state.unfinished() && !simulated;
    }

    /** The record as the state folder stores it and {@code --json} prints it. */
    public ObjectNode toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("id", id);
        n.put("createdAt", createdAt.toString());
        n.put("updatedAt", updatedAt.toString());
        n.put("source", source.wire());
        n.put("reused", reused);
        n.put("simulated", simulated);
        n.put("state", state.wire());
        n.put("host", host().id());
        n.put("hostName", host().displayName());
        n.put("baseUrl", checkpoint.baseUrl().toString());
        n.put("predictionId", predictionId());
        if (checkpoint.seed() == null) {
            n.putNull("seed");
        } else {
            n.put("seed", checkpoint.seed());
        }
        n.put("seedChosenBy", checkpoint.seed() != null ? "request" : checkpoint.adopted() ? null : "host");
        String cost = checkpoint.estimatedCost() == null
                ? null
                : checkpoint.estimatedCost().toPlainString();
        n.put("costUsd", reused ? "0" : cost);
        n.put("savedUsd", reused ? cost : null);
        n.put("billed", !simulated && !reused && cost != null);
        n.put(
                "resolution",
                checkpoint.resolution() == null ? null : checkpoint.resolution().wire());
        n.put(
                "aspectRatio",
                checkpoint.aspectRatio() == null
                        ? null
                        : checkpoint.aspectRatio().wire());
        if (checkpoint.durationSeconds() > 0) {
            n.put("durationSeconds", checkpoint.durationSeconds());
        } else {
            n.putNull("durationSeconds");
        }
        n.put("requestDigest", checkpoint.requestDigest());
        n.put("output", output.toString());
        if (clip == null) {
            n.putNull("clip");
        } else {
            ObjectNode c = n.putObject("clip");
            c.put("bytes", clip.bytes());
            c.put("width", clip.width());
            c.put("height", clip.height());
            c.put("durationSeconds", clip.durationSeconds());
        }
        n.put("error", error);
        n.put("next", next);
        if (ownerPid == null) {
            n.putNull("ownerPid");
        } else {
            n.put("ownerPid", ownerPid);
        }
        try {
            n.set("checkpoint", MAPPER.readTree(checkpoint.toJson()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("The engine wrote a checkpoint that is not JSON", e);
        }
        return n;
    }

    /**
     * Reads {@link #toJson}'s output; the job's facts come from its {@code checkpoint}.
     *
     * @throws IllegalArgumentException when it is not a record this version can read
     */
    public static RenderRecord fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int format = n.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalArgumentException("a record of format " + format + ", not " + FORMAT);
        }
        try {
            RenderCheckpoint at = RenderCheckpoint.fromJson(n.path("checkpoint").toString());
            Builder b = builder(
                    text(n, "id"),
                    Instant.parse(text(n, "createdAt")),
                    Source.parse(text(n, "source")).orElseThrow(() -> new IllegalArgumentException("unknown source")),
                    Path.of(text(n, "output")),
                    at);
            b.updatedAt = Instant.parse(text(n, "updatedAt"));
            b.reused = n.path("reused").asBoolean(false);
            b.simulated = n.path("simulated").asBoolean(false);
            b.state = RecordState.parse(text(n, "state"))
                    .orElseThrow(() -> new IllegalArgumentException("unknown state"));
            JsonNode c = n.get("clip");
            if (c != null && c.isObject()) {
                b.clip = new Clip(
                        c.path("bytes").asLong(),
                        c.path("width").asInt(),
                        c.path("height").asInt(),
                        c.path("durationSeconds").asDouble());
            }
            b.error = optional(n, "error");
            b.next = optional(n, "next");
            b.ownerPid = n.hasNonNull("ownerPid") ? n.get("ownerPid").asLong() : null;
            return b.build();
        } catch (DateTimeParseException | InvalidPathException e) {
            throw new IllegalArgumentException("an unreadable value: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        String v = optional(n, field);
        if (v == null) {
            throw new IllegalArgumentException("no " + field);
        }
        return v;
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public String toString() {
        return "RenderRecord{" + id + ", " + state + ", " + checkpoint + "}";
    }

    /** Changes a record; {@link #build()} checks it. */
    public static final class Builder {
        private String id;
        private Instant createdAt;
        private Instant updatedAt;
        private Source source;
        private boolean reused;
        private boolean simulated;
        private RecordState state;
        private Path output;
        private RenderCheckpoint checkpoint;
        private Clip clip;
        private String error;
        private String next;
        private Long ownerPid;

        private Builder() {}

        public Builder updatedAt(Instant at) {
            this.updatedAt = at;
            return this;
        }

        public Builder reused(boolean reused) {
            this.reused = reused;
            return this;
        }

        public Builder simulated(boolean simulated) {
            this.simulated = simulated;
            return this;
        }

        public Builder state(RecordState state) {
            this.state = state;
            return this;
        }

        public Builder output(Path output) {
            this.output = output;
            return this;
        }

        public Builder clip(Clip clip) {
            this.clip = clip;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder next(String next) {
            this.next = next;
            return this;
        }

        /** The process working on the render, or null when it is left alone. */
        public Builder ownerPid(Long pid) {
            this.ownerPid = pid;
            return this;
        }

        public RenderRecord build() {
            return new RenderRecord(this);
        }
    }
}
