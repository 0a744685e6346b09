package io.jenkins.plugins.happyhorse.client.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A host's API key. It masks itself everywhere it could leak ({@link #toString()}, equality is by
 * identity of the secret only) and offers {@link #redact(String)} so that text coming back from a
 * host can be scrubbed before it reaches a message. Only the transport reads the secret, to build
 * the {@code Authorization} header for the configured API origin.
 */
public final class ApiKey {
    private static final String MASK = "****";

    private final String secret;

    private ApiKey(String secret) {
        this.secret = secret;
    }

    /**
     * Wraps a key.
     *
     * @throws IllegalArgumentException when the key is null or blank (the message never shows it)
     */
    public static ApiKey of(String secret) {
        if (secret == null || secret.isBlank()) {
            // Callers name their own setting (a credential, an environment variable); this stays neutral.
            throw new IllegalArgumentException("The API key is empty; an API key is required (set it in the"
                    + " credential, or in the host's environment variable).");
        }
        return new ApiKey(secret.strip());
    }

    /** The secret itself, for the {@code Authorization} header of API calls and nothing else. */
    public String reveal() {
        return secret;
    }

    /**
     * A short fingerprint of the key (the first 16 hex digits of its SHA-256), to tell keys apart,
     * e.g. to share one rate limit among the renders of one account, without keeping the key.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** {@code text} with every occurrence of the key replaced by a mask; null stays null. */
    public String redact(String text) {
        if (text == null || !text.contains(secret)) {
            return text;
        }
        return text.replace(secret, MASK);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey && ((ApiKey) other).secret.equals(secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secret);
    }

    @Override
    public String toString() {
        return "ApiKey(" + MASK + ")";
    }
}
