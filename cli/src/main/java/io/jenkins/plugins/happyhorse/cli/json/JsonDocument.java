package io.jenkins.plugins.happyhorse.cli.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.List;

/**
 * What {@code --json} prints on stdout: one JSON object per command, documented in {@code
 * docs/cli.md} ("JSON output"). Every object has {@code schemaVersion} ({@value #SCHEMA_VERSION}),
 * {@code command}, {@code ok}, {@code exitCode} and {@code error} (null on success); each command
 * adds its own fields. Fields are only ever added within a version; renaming or removing one
 * raises it. Progress and messages for people still go to stderr.
 */
public final class JsonDocument {
    /** The version of the documented schema. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root;

    private JsonDocument(String command) {
        root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("command", command);
        root.put("ok", false);
        root.put("exitCode", 0);
        root.putNull("error");
    }

    /** A document for {@code command}, e.g. {@code render}. */
    public static JsonDocument of(String command) {
        return new JsonDocument(command);
    }

    /** The object, to add a command's fields. */
    public ObjectNode root() {
        return root;
    }

    /** Sets how the command ended; {@code error} is null on success. */
    public JsonDocument end(int exitCode, ErrorReport error) {
        root.put("ok", exitCode == 0);
        root.put("exitCode", exitCode);
        if (error == null) {
            root.putNull("error");
        } else {
            ObjectNode e = root.putObject("error");
            e.put("message", error.message());
            ArrayNode problems = e.putArray("problems");
            for (Violation v : error.problems()) {
                ObjectNode p = problems.addObject();
                p.put("field", v.field());
                p.put("value", v.value());
                p.put("allowed", v.allowed());
                p.put("reason", v.reason());
            }
            e.put("next", error.next());
        }
        return this;
    }

    @Override
    public String toString() {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the JSON output", e);
        }
    }

    /**
     * A failure as scripts see it.
     *
     * @param message the sentence printed on stderr
     * @param problems each invalid option, for an invalid request
     * @param next the command to run to collect a paid clip, or null
     */
    public record ErrorReport(String message, List<Violation> problems, String next) {
        public ErrorReport {
            problems = List.copyOf(problems);
        }

        /** This report with the command to run next. */
        public ErrorReport withNext(String command) {
            return new ErrorReport(message, problems, command);
        }
    }
}
