package io.jenkins.plugins.happyhorse.client.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A reply with a small body held in memory (API replies; at most {@link #MAX_BODY} bytes are kept,
 * the rest is discarded and {@link #bodyTruncated()} says so).
 *
 * @param status HTTP status code
 * @param headers header names in lower case, each with its first value
 * @param body the body bytes kept
 * @param bodyTruncated whether the body was longer than what was kept
 */
public record HttpReply(int status, Map<String, String> headers, byte[] body, boolean bodyTruncated) {
    /** API replies longer than this are not kept whole. */
    public static final int MAX_BODY = 4 * 1024 * 1024;

    public HttpReply {
        headers = Map.copyOf(headers);
    }

    /** A header's first value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The host's request id ({@code X-Request-ID}), for support, or null. */
    public String requestId() {
        return header("x-request-id");
    }

    /** Header names present, for diagnostics. */
    public List<String> headerNames() {
        return List.copyOf(headers.keySet());
    }

    @Override
    public String toString() {
        return "HttpReply{status=" + status + ", bytes=" + body.length + "}";
    }
}
