package io.jenkins.plugins.happyhorse.client.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The reference-image formats both hosts accept, recognised by their leading bytes rather than by
 * file names, because a name says nothing about what a file holds.
 */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp");

    /** How many leading bytes {@link #sniff(byte[], int)} needs to decide. */
    public static final int SNIFF_LENGTH = 12;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The MIME type sent to the host, e.g. {@code image/png}. */
    public String mediaType() {
        return mediaType;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The format of {@code length} leading bytes of a file, or empty when it is none of the three. */
    public static Optional<ImageFormat> sniff(byte[] head, int length) {
        if (length >= PNG_MAGIC.length && startsWith(head, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (length >= 12
                && head[0] == 'R'
                && head[1] == 'I'
                && head[2] == 'F'
                && head[3] == 'F'
                && head[8] == 'W'
                && head[9] == 'E'
                && head[10] == 'B'
                && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** Reads the first bytes of {@code file} and sniffs them. */
    public static Optional<ImageFormat> of(Path file) throws IOException {
        byte[] head = new byte[SNIFF_LENGTH];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        return sniff(head, read);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
