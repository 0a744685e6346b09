package io.jenkins.plugins.happyhorse.client.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds a streaming {@code multipart/form-data} body with one file field, optionally after some
 * text fields: the preamble (the text fields, then the boundary and the file's part headers), the
 * file's bytes streamed from disk, and the closing boundary, with the exact total length. The file
 * is always the last field, as object storage requires of a signed POST form.
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
        return create(List.of(), fieldName, fileName, mediaType, file, fileSize);
    }

    /**
     * A body with {@code fields} (name and text value, in this order), then the file under {@code
     * fieldName}.
     *
     * @param fileName the file name the host sees (quotes and line breaks are removed)
     */
    public static FileEntityProducer create(
            List<Map.Entry<String, String>> fields,
            String fieldName,
            String fileName,
            String mediaType,
            Path file,
            long fileSize) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String boundary = "happyhorse-" + HexFormat.of().formatHex(random);
        String safeName = fileName.replaceAll("[\"\\r\\n\\\\]", "_");
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> field : fields) {
            text.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"")
                    .append(field.getKey().replaceAll("[\"\\r\\n\\\\]", "_"))
                    .append("\"\r\n\r\n")
                    .append(field.getValue())
                    .append("\r\n");
        }
        String preamble = text + "--" + boundary + "\r\n"
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
