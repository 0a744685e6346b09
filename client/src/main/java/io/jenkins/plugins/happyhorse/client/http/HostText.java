package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.connection.ApiKey;

/**
 * Text that came from a host, made fit for a message: the key removed wherever it was echoed, a
 * request id shortened. A hostile host or proxy could echo the key anywhere, so every piece of
 * its text passes through here before it reaches a message.
 *
 * @param hostName the host's name for messages, e.g. {@code Atlas Cloud}
 * @param key the key to remove
 */
public record HostText(String hostName, ApiKey key) {
    /** Longest request id quoted in a message; a real one is far shorter. */
    private static final int MAX_REQUEST_ID = 100;

    /** {@code text} without the key; null stays null. */
    public String redact(String text) {
        return key.redact(text);
    }

    /** The reply's {@code X-Request-ID}, redacted and shortened, or null when it has none. */
    public String requestId(HttpReply reply) {
        String id = reply.requestId();
        if (id == null || id.isBlank()) {
            return null;
        }
        String safe = redact(id.strip());
        return safe.length() > MAX_REQUEST_ID ? safe.substring(0, MAX_REQUEST_ID) + "…" : safe;
    }

    /** {@code ", request id …"} for a message, or nothing. */
    String requestIdNote(HttpReply reply) {
        String id = requestId(reply);
        return id == null ? "" : ", request id " + id;
    }
}
