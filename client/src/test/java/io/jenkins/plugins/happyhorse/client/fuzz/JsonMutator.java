package io.jenkins.plugins.happyhorse.client.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded generator of damaged JSON replies: from a valid body it makes truncations, type swaps,
 * nulls, huge and odd numbers, deep nesting, wrong status words, missing and extra fields,
 * hostile strings and non-JSON bodies, one to three at a time. The same seed gives the same
 * bodies. URLs it invents point at loopback or nowhere, never at a host on the network.
 */
final class JsonMutator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEEP = "@@nest:";
    /** A marker as a whole JSON string (not one quoted inside another string). */
    private static final Pattern MARKER = Pattern.compile("(?<!\\\\)\"" + DEEP + "(\\d+)\"");

    /** Status words both hosts use, their misspellings and words neither uses. */
    private static final String[] WORDS = {
        "created",
        "queued",
        "starting",
        "pending",
        "processing",
        "running",
        "completed",
        "succeeded",
        "failed",
        "error",
        "canceled",
        "cancelled",
        "deleted",
        "timeout",
        "COMPLETED",
        "Succeeded",
        "complete",
        "success",
        "done",
        "ok",
        "finished",
        "suspended",
        "unknown",
        "null",
        "",
        " ",
        "failed ",
        "\u0000",
        "completed\n",
        "c\u00f6mpleted",
        "\ud83d\udc0e"
    };

    /** Strings that parsers and URL handling must survive. */
    private final List<String> hostile = new ArrayList<>();

    private final Random random;

    /**
     * @param seed the seed
     * @param loopbackPort a port on 127.0.0.1 for invented URLs (it may or may not answer)
     */
    JsonMutator(long seed, int loopbackPort) {
        this.random = new Random(seed);
        String base = "http://127.0.0.1:" + loopbackPort;
        hostile.addAll(List.of(
                "",
                " ",
                "null",
                "clip.mp4",
                "/clip.mp4",
                "//127.0.0.1:" + loopbackPort + "/clip.mp4",
                "http://",
                "https://",
                "http://[::1",
                "http://127.0.0.1:99999/clip.mp4",
                "http://127.0.0.1:-1/clip.mp4",
                "http://user:pass@127.0.0.1:" + loopbackPort + "/clip.mp4",
                base + "/clip.mp4#fragment",
                base + "/clip.mp4?x=%ZZ",
                base + "/missing.mp4",
                base + "/c lip.mp4",
                "http://[::1]:" + loopbackPort + "/clip.mp4",
                "https://127.0.0.1:1/clip.mp4",
                "ftp://127.0.0.1/clip.mp4",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "data:video/mp4;base64,AAAA",
                "mailto:someone",
                "http://127.0.0.1:" + loopbackPort + "/" + "a".repeat(5000),
                "x".repeat(70_000),
                "\u0000\u0001\u0002",
                "\ud800",
                "<script>alert(1)</script>",
                "${jndi:ldap://127.0.0.1:1/a}",
                "%s%s%s%n",
                "../../../../etc/passwd",
                "-1",
                "1e309",
                "2026-13-45T99:99:99Z",
                "9999-12-31T23:59:59Z"));
    }

    /** A damaged copy of {@code valid}, as the bytes of a reply body. */
    byte[] mutate(JsonNode valid) {
        int kind = random.nextInt(100);
        if (kind < 6) {
            return wholeBody();
        }
        JsonNode doc = valid.deepCopy();
        int steps = 1 + random.nextInt(3);
        for (int i = 0; i < steps; i++) {
            doc = mutateTree(doc);
        }
        String text = nest(write(doc));
        if (kind < 20) {
            text = truncate(text);
        } else if (kind < 24) {
            text = duplicateKey(text);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode mutateTree(JsonNode doc) {
        List<Slot> slots = new ArrayList<>();
        collect(doc, slots);
        if (slots.isEmpty()) {
            return doc;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(9)) {
            case 0:
                slot.remove();
                break;
            case 1:
                slot.set(NODES.nullNode());
                break;
            case 2:
                slot.set(otherType(slot.get()));
                break;
            case 3:
                slot.set(hugeNumber());
                break;
            case 4:
                // A marker, replaced by the nesting as text: the JSON writer refuses over 1,000 levels.
                slot.set(NODES.textNode(
                        DEEP + (random.nextBoolean() ? 50 + random.nextInt(200) : 1500 + random.nextInt(4000))));
                break;
            case 5:
                slot.set(NODES.textNode(WORDS[random.nextInt(WORDS.length)]));
                break;
            case 6:
                slot.set(NODES.textNode(hostile.get(random.nextInt(hostile.size()))));
                break;
            case 7:
                statusWord(doc);
                break;
            default:
                if (slot.get().isObject()) {
                    ((ObjectNode) slot.get()).set("extra_" + random.nextInt(5), otherType(NODES.textNode("x")));
                } else {
                    slot.set(NODES.arrayNode().add(slot.get()));
                }
                break;
        }
        return doc;
    }

    private void statusWord(JsonNode doc) {
        JsonNode data = doc.get("data");
        if (data instanceof ObjectNode d) {
            d.put("status", WORDS[random.nextInt(WORDS.length)]);
        }
    }

    private JsonNode otherType(JsonNode current) {
        switch (random.nextInt(8)) {
            case 0:
                return NODES.textNode(current == null ? "" : current.toString());
            case 1:
                return NODES.numberNode(random.nextInt(2000) - 1000);
            case 2:
                return NODES.booleanNode(random.nextBoolean());
            case 3:
                return NODES.arrayNode().add(current == null ? NODES.nullNode() : current);
            case 4:
                return NODES.objectNode().set("value", current == null ? NODES.nullNode() : current);
            case 5:
                return NODES.arrayNode();
            case 6:
                return NODES.objectNode();
            default:
                return NODES.numberNode(random.nextDouble() * 1e6);
        }
    }

    private JsonNode hugeNumber() {
        switch (random.nextInt(7)) {
            case 0:
                return NODES.numberNode(new BigInteger("9".repeat(40)));
            case 1:
                return NODES.numberNode(new BigInteger("-" + "9".repeat(40)));
            case 2:
                return NODES.numberNode(Long.MIN_VALUE);
            case 3:
                return NODES.numberNode(new BigDecimal("1e400"));
            case 4:
                return NODES.numberNode(-99_999_999_999_999_999L);
            case 5:
                return NODES.numberNode(Double.MAX_VALUE);
            default:
                return NODES.numberNode(new BigDecimal("-0.0000000000000000000001"));
        }
    }

    /** Replaces the nesting markers of {@code text} with that many nested arrays and objects. */
    private String nest(String text) {
        Matcher m = MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int depth = Integer.parseInt(m.group(1));
            StringBuilder open = new StringBuilder();
            StringBuilder close = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                boolean array = random.nextBoolean();
                open.append(array ? "[" : "{\"a\":");
                close.insert(0, array ? "]" : "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(open + "\"deep\"" + close));
        }
        m.appendTail(out);
        return out.toString();
    }

    private byte[] wholeBody() {
        String[] bodies = {
            "",
            "null",
            "[]",
            "{}",
            "42",
            "\"completed\"",
            "true",
            "<html><body>502 Bad Gateway</body></html>",
            "\ufeff{\"code\":200,\"data\":{\"status\":\"completed\"}}",
            "{\"code\":200,\"data\":",
            "{\"code\":200,\"data\":{\"status\":NaN}}",
            "{\"code\":200,\"data\":{\"status\":\"completed\",}}",
            "[".repeat(5000),
            "{\"a\":".repeat(3000)
        };
        int pick = random.nextInt(bodies.length + 1);
        if (pick == bodies.length) {
            byte[] garbage = new byte[1 + random.nextInt(2048)];
            random.nextBytes(garbage);
            return garbage;
        }
        return bodies[pick].getBytes(StandardCharsets.UTF_8);
    }

    private String truncate(String text) {
        return text.isEmpty() ? text : text.substring(0, random.nextInt(text.length()));
    }

    private String duplicateKey(String text) {
        int at = text.indexOf("\"status\"");
        if (at < 0) {
            return text;
        }
        return text.substring(0, at) + "\"status\":\"completed\"," + text.substring(at);
    }

    private static String write(JsonNode doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                out.add(new Slot(o, name, -1));
                collect(o.get(name), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                collect(a.get(i), out);
            }
        }
    }

    /** A place in a tree: an object's field or an array's element. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else if (index < parent.size()) {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else if (index < parent.size()) {
                ((ArrayNode) parent).remove(index);
            }
        }
    }
}
