package io.jenkins.plugins.happyhorse.client.webhook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One callback as it arrived: its headers (names compared without regard to case) and its raw body,
 * byte for byte, since the signature covers the exact bytes. Nothing in it is trusted yet.
 */
public final class WebhookDelivery {
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private WebhookDelivery(Map<String, List<String>> headers, byte[] body) {
        this.headers = headers;
        this.body = body;
    }

    /**
     * A delivery of {@code headers} (any capitalisation, as a server hands them over; null names
     * and values are ignored) and {@code body} (copied).
     */
    public static WebhookDelivery of(Map<String, List<String>> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                List<String> kept = lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>());
                for (String v : values) {
                    if (v != null) {
                        kept.add(v);
                    }
                }
            }
        });
        lower.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return new WebhookDelivery(Collections.unmodifiableMap(lower), body.clone());
    }

    /** How many values the header {@code name} has (0 when absent). */
    public int count(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? 0 : values.size();
    }

    /**
     * The header's value when it occurs exactly once, else null: a signature header given twice is
     * as good as none, since which one counts would be the attacker's choice.
     */
    public String single(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    /** Whether the header is present at all. */
    public boolean has(String name) {
        return count(name) > 0;
    }

    /** The raw body (a copy). */
    public byte[] body() {
        return body.clone();
    }

    /** The length of the body in bytes. */
    public int length() {
        return body.length;
    }

    @Override
    public String toString() {
        return "WebhookDelivery{headers=" + headers.keySet() + ", bytes=" + body.length + "}";
    }
}
