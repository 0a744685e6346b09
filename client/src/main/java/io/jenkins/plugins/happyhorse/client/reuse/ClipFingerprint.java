package io.jenkins.plugins.happyhorse.client.reuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A clip's length and SHA-256, read in one pass; optionally copying the bytes on the way, so that
 * what is checked is exactly what is written.
 *
 * @param bytes the length
 * @param sha256 the SHA-256, hex
 */
public record ClipFingerprint(long bytes, String sha256) {

    /** The fingerprint of {@code file}. */
    public static ClipFingerprint of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, OutputStream.nullOutputStream());
        }
    }

    /** Reads {@code in} to its end, writing every byte to {@code out}, and returns the fingerprint. */
    public static ClipFingerprint copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
            out.write(buffer, 0, n);
            total += n;
        }
        return new ClipFingerprint(total, HexFormat.of().formatHex(sha.digest()));
    }

    /** Whether it is the fingerprint {@code render} recorded. */
    public boolean matches(StoredRender render) {
        return bytes == render.bytes() && sha256.equalsIgnoreCase(render.sha256());
    }
}
