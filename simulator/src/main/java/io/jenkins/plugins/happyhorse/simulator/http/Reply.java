package io.jenkins.plugins.happyhorse.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A reply a handler has decided on but not yet sent, so that faults can still alter it. */
public final class Reply {
    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final ReplyBody body;

    private Reply(int status, ReplyBody body) {
        this.status = status;
        this.body = body;
    }

    /** A reply with this status, content type and body. */
    public static Reply of(int status, String contentType, ReplyBody body) {
        Reply reply = new Reply(status, body);
        if (contentType != null) {
            reply.header("Content-Type", contentType);
        }
        return reply;
    }

    /** A JSON reply. */
    public static Reply json(int status, JsonNode json) {
        try {
            return of(status, "application/json", ReplyBody.of(Json.MAPPER.writeValueAsBytes(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** A plain-text reply. */
    public static Reply text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", ReplyBody.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A reply without a body. */
    public static Reply empty(int status) {
        return new Reply(status, ReplyBody.empty());
    }

    /** Adds a header (several values may share a name). */
    public Reply header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** The same status and headers with another body (used to damage a body on purpose). */
    public Reply withBody(ReplyBody newBody) {
        Reply copy = new Reply(status, newBody);
        headers.forEach((name, values) -> copy.headers.put(name, new ArrayList<>(values)));
        return copy;
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public ReplyBody body() {
        return body;
    }
}
