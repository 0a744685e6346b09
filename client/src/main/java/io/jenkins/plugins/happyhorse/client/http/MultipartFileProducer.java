package io.jenkins.plugins.happyhorse.client.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Builds a streaming {@code multipart/form-data} body with one file field: the preamble (boundary
 * and part headers), the file's bytes streamed from disk, and the closing boundary, with the exact
 * total length.
 */
public final class MultipartFileProducer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private MultipartFileProducer() {}

    /**
     * A body with the file under {@code fieldName}.
     *
     * @param fileName the file name the host sees (quotes and line breaks are removed)
     */
    public static FileEntityProducer create(
            String fieldName, String fileName, String mediaType, Path file, long fileSize) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String boundary = "happyhorse-" + HexFormat.of().formatHex(random);
        String safeName = fileName.replaceAll("[\"\\r\\n\\\\]", "_");
        String preamble = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + fieldName + "\"; filename=\"" + safeName + "\"\r\n"
                + "Content-Type: " + mediaType + "\r\n"
                + "\r\n";
        String epilogue = "\r\n--" + boundary + "--\r\n";
        return new FileEntityProducer(
                file,
                fileSize,
                preamble.getBytes(StandardCharsets.UTF_8),
                epilogue.getBytes(StandardCharsets.US_ASCII),
                "multipart/form-data; boundary=" + boundary);
    }
}
