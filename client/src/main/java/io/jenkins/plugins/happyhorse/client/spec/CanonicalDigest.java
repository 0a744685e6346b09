package io.jenkins.plugins.happyhorse.client.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over a list of text fields, each prefixed with its length so that no two different
 * lists hash the same text. The identities of a clip and of a submitted input are made this way.
 */
public final class CanonicalDigest {
    private final MessageDigest sha = sha256();

    /** A digest whose first field names the format, e.g. {@code happyhorse-request/1}. */
    public CanonicalDigest(String format) {
        field(format);
    }

    /** Adds one field; null counts as empty. */
    public CanonicalDigest field(String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
        return this;
    }

    /** The digest, lower-case hex; the digest cannot be added to afterwards. */
    public String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A fresh SHA-256. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
