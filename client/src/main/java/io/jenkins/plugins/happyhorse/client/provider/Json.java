package io.jenkins.plugins.happyhorse.client.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.client.http.HttpReply;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;

/** Small JSON helpers shared by the providers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A fresh body producer per attempt. */
    static Supplier<AsyncEntityProducer> body(ObjectNode node) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a JSON body", e);
        }
        return () -> AsyncEntityProducers.create(bytes, ContentType.APPLICATION_JSON);
    }

    /** The reply's body as JSON, or null when it is empty or not JSON. */
    static JsonNode parseOrNull(HttpReply reply) {
        if (reply.body().length == 0 || reply.bodyTruncated()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(reply.body());
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    /** A text field, or null when missing, null or not a scalar. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** An object field, or null. */
    static JsonNode object(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v != null && v.isObject() ? v : null;
    }

    /** URLs from a field that holds a string or a list of strings. */
    static List<URI> urls(JsonNode node, String field) throws URISyntaxException {
        List<URI> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            if (!v.asText().isBlank()) {
                out.add(new URI(v.asText().strip()));
            }
        } else if (v.isArray()) {
            for (JsonNode item : v) {
                if (item.isTextual() && !item.asText().isBlank()) {
                    out.add(new URI(item.asText().strip()));
                }
            }
        }
        return out;
    }
}
