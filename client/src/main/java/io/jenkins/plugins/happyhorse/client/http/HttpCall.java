package io.jenkins.plugins.happyhorse.client.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * One HTTP request to make. An {@link #api} call may carry the API key (the session adds it only
 * when the URL's origin is the configured API origin); a {@link #media} call never does. Headers
 * that the transport owns ({@code Authorization}, {@code Content-Length}, {@code Host}, {@code
 * Transfer-Encoding}) are dropped from the given headers, so no caller can add a key by accident.
 *
 * @param method HTTP method
 * @param uri absolute URL
 * @param headers extra headers, name and value
 * @param body a fresh body producer per attempt, or null for none
 * @param api whether this is a call to the host's API (may be authenticated)
 */
public record HttpCall(
        String method,
        URI uri,
        List<Map.Entry<String, String>> headers,
        Supplier<AsyncEntityProducer> body,
        boolean api) {

    private static final List<String> TRANSPORT_HEADERS = List.of(
            "authorization", "proxy-authorization", "content-length", "host", "transfer-encoding", "connection");

    public HttpCall {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (!TRANSPORT_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                kept.add(Map.entry(h.getKey(), h.getValue()));
            }
        }
        headers = List.copyOf(kept);
    }

    /** An API call (may carry the key when {@code uri} is on the API origin). */
    public static HttpCall api(String method, URI uri, Supplier<AsyncEntityProducer> body) {
        return new HttpCall(method, uri, List.of(), body, true);
    }

    /** An API call with extra headers (may carry the key when {@code uri} is on the API origin). */
    public static HttpCall api(
            String method, URI uri, List<Map.Entry<String, String>> headers, Supplier<AsyncEntityProducer> body) {
        return new HttpCall(method, uri, headers, body, true);
    }

    /** A call to an upload or output URL: never carries the key. */
    public static HttpCall media(
            String method, URI uri, List<Map.Entry<String, String>> headers, Supplier<AsyncEntityProducer> body) {
        return new HttpCall(method, uri, headers, body, false);
    }

    @Override
    public String toString() {
        return method + " " + Origin.describe(uri);
    }
}
