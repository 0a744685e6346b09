package io.jenkins.plugins.happyhorse.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.engine.RenderCheckpoint;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Checks that a secret appears nowhere a user or an attacker could read it: exception texts
 * (messages, {@code toString()}, printed stack traces, the whole cause chain), progress
 * events, checkpoints as JSON and as Java-serialized bytes, and command-line output.
 */
public final class Secrets {
    private Secrets() {}

    /** The key is in no part of {@code error}, its causes and suppressed exceptions. */
    public static void assertAbsentFrom(Throwable error, String key) {
        if (error == null) {
            return;
        }
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).as("printed stack trace").doesNotContain(key);
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()))
                    .as("message of %s", t.getClass())
                    .doesNotContain(key);
            assertThat(String.valueOf(t.getLocalizedMessage())).doesNotContain(key);
            assertThat(t.toString()).doesNotContain(key);
            for (Throwable s : t.getSuppressed()) {
                assertAbsentFrom(s, key);
            }
            if (t.getCause() == t) {
                break;
            }
        }
    }

    /** The key is in no event's message or text. */
    public static void assertAbsentFromEvents(Collection<RenderEvent> events, String key) {
        for (RenderEvent e : events) {
            assertThat(e.message()).as("event").doesNotContain(key);
            assertThat(e.toString()).as("event").doesNotContain(key);
        }
    }

    /** The key is in no checkpoint, whether written as JSON, as text or with Java serialization. */
    public static void assertAbsentFromCheckpoints(Collection<RenderCheckpoint> checkpoints, String key) {
        for (RenderCheckpoint c : checkpoints) {
            assertThat(c.toJson()).as("checkpoint JSON").doesNotContain(key);
            assertThat(c.toString()).as("checkpoint text").doesNotContain(key);
            byte[] bytes = serialize(c);
            assertThat(contains(bytes, key.getBytes(StandardCharsets.UTF_8)))
                    .as("serialized checkpoint (UTF-8)")
                    .isFalse();
            assertThat(contains(bytes, key.getBytes(StandardCharsets.UTF_16BE)))
                    .as("serialized checkpoint (UTF-16)")
                    .isFalse();
        }
    }

    /**
     * The simulator's media origin (uploads and outputs) and Model Studio's storage origin
     * (temporary files) received no Authorization header at all.
     */
    public static void assertNoAuthorizationReachedMedia(Simulator sim) {
        assertThat(sim.stats().mediaAuthorizations())
                .as("Authorization headers seen by the media origin")
                .isEmpty();
        assertThat(sim.stats().storageAuthorizations())
                .as("Authorization headers seen by Model Studio's storage origin")
                .isEmpty();
    }

    /** Java serialization of {@code value}. */
    public static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether {@code needle} occurs in {@code haystack}. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
