package io.jenkins.plugins.happyhorse.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** One request as a handler sees it: path parameters, query, headers and a size-capped body. */
public final class Call {
    private final HttpExchange exchange;
    private final Matcher match;
    private final String requestId;
    private Map<String, String> query;

    Call(HttpExchange exchange, Matcher match, String requestId) {
        this.exchange = exchange;
        this.match = match;
        this.requestId = requestId;
    }

    HttpExchange exchange() {
        return exchange;
    }

    public String method() {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    public boolean isHead() {
        return "HEAD".equals(method());
    }

    /** The raw request path. */
    public String path() {
        return exchange.getRequestURI().getRawPath();
    }

    /** A named group of the route's path pattern, URL-decoded. */
    public String pathParam(String name) {
        String raw = match == null ? null : match.group(name);
        return raw == null ? null : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    /** A query parameter's first value. */
    public Optional<String> query(String name) {
        if (query == null) {
            Map<String, String> parsed = new HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    parsed.putIfAbsent(key, value);
                }
            }
            query = parsed;
        }
        return Optional.ofNullable(query.get(name));
    }

    /** A request header's first value, or null. */
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The request's headers, keyed case-insensitively by the server. */
    public com.sun.net.httpserver.Headers headers() {
        return exchange.getRequestHeaders();
    }

    /** {@code Content-Length}, or -1 when absent or unreadable (a chunked body). */
    public long declaredLength() {
        String value = header("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Atlas Cloud's request id for this exchange (also sent as {@code X-Request-ID}). */
    public String requestId() {
        return requestId;
    }

    /** The body as a stream; the caller enforces any size limit. */
    public InputStream body() {
        return exchange.getRequestBody();
    }

    /** Reads the whole body, answering 413 when it is over {@code limit} bytes. */
    public byte[] readBody(long limit) throws IOException, HttpProblem {
        requireAtMost(limit);
        InputStream in = body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > limit) {
                throw tooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads the body as JSON, answering 400 when it is not JSON and 413 when it is too large. */
    public JsonNode readJson(long limit) throws IOException, HttpProblem {
        byte[] bytes = readBody(limit);
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new HttpProblem(400, "body: is empty; send a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpProblem(400, "body: is not valid JSON");
        }
    }

    /** Answers 413 at once when the declared length is over {@code limit}. */
    public void requireAtMost(long limit) throws HttpProblem {
        if (declaredLength() > limit) {
            throw tooLarge(limit);
        }
    }

    static HttpProblem tooLarge(long limit) {
        return new HttpProblem(413, "request body is larger than " + limit / (1024 * 1024) + " MB");
    }
}
