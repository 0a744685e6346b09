package io.jenkins.plugins.happyhorse.client.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.client.webhook.LogText;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookDelivery;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusal;
import io.jenkins.plugins.happyhorse.client.webhook.WebhookRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** What both hosts' callbacks share when they are read: headers, timestamps, bodies, digests. */
final class CallbackReading {
    /** The longest id accepted, of a callback or of a prediction. */
    static final int MAX_ID = 200;

    private CallbackReading() {}

    /** The header's single value; refused when it is missing, repeated or empty. */
    static String header(WebhookDelivery delivery, String name) {
        int count = delivery.count(name);
        if (count == 0) {
            throw new WebhookRefusedException(WebhookRefusal.MISSING_HEADER, "no " + name + " header");
        }
        String value = delivery.single(name);
        if (value == null) {
            throw new WebhookRefusedException(WebhookRefusal.MISSING_HEADER, name + " given " + count + " times");
        }
        value = value.strip();
        if (value.isEmpty()) {
            throw new WebhookRefusedException(WebhookRefusal.MISSING_HEADER, name + " is empty");
        }
        return value;
    }

    /** An id: printable ASCII without blanks, at most {@value #MAX_ID} characters. */
    static String id(String value, String what) {
        if (value.length() > MAX_ID || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new WebhookRefusedException(
                    WebhookRefusal.MALFORMED, what + " is not an id: " + LogText.glimpse(value));
        }
        return value;
    }

    /** Unix seconds, 1 to 12 decimal digits. */
    static Instant unixSeconds(String value, String header) {
        if (!value.matches("[0-9]{1,12}")) {
            throw new WebhookRefusedException(
                    WebhookRefusal.MALFORMED, header + " is not a number of seconds: " + LogText.glimpse(value));
        }
        return Instant.ofEpochSecond(Long.parseLong(value));
    }

    /** The body as a JSON object; refused when it is anything else. */
    static JsonNode object(WebhookDelivery delivery) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(delivery.body());
        } catch (IOException e) {
            throw new WebhookRefusedException(WebhookRefusal.MALFORMED, "the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new WebhookRefusedException(WebhookRefusal.MALFORMED, "the body is not a JSON object");
        }
        return root;
    }

    /** The prediction id at {@code field} of {@code node}, or null when there is none. */
    static String predictionId(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            return null;
        }
        return id(v.asText().strip(), "the prediction id");
    }

    /** SHA-256 (hex) of {@code prefix} and {@code body}: the identity of one signed message. */
    static String digest(String prefix, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
