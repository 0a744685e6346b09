package io.jenkins.plugins.happyhorse.simulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The simulator's one JSON mapper (thread-safe once configured). */
public final class Json {
    /** Shared mapper for reading requests and writing replies. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
