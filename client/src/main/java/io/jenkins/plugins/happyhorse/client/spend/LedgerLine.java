package io.jenkins.plugins.happyhorse.client.spend;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One line of the ledger: {@code {"crc":"<8 hex>","rec":<record>}}, the checksum being CRC-32C of
 * the record's UTF-8 bytes exactly as written. A line torn by a crash, or damaged on the disk,
 * fails the check and is ignored; a line is still a JSON object, so the file stays JSON lines.
 */
final class LedgerLine {
    private static final String HEAD = "{\"crc\":\"";
    private static final String MIDDLE = "\",\"rec\":";
    private static final int RECORD_START = HEAD.length() + 8 + MIDDLE.length();

    private LedgerLine() {}

    /** The line for a record's JSON (without the line break). */
    static String encode(String recordJson) {
        return HEAD + crc(recordJson) + MIDDLE + recordJson + "}";
    }

    /** The record's JSON if the line is whole and its checksum matches. */
    static Optional<String> decode(String line) {
        if (line.length() < RECORD_START + 2
                || !line.startsWith(HEAD)
                || !line.startsWith(MIDDLE, HEAD.length() + 8)
                || !line.endsWith("}")) {
            return Optional.empty();
        }
        String record = line.substring(RECORD_START, line.length() - 1);
        return crc(record).equals(line.substring(HEAD.length(), HEAD.length() + 8))
                ? Optional.of(record)
                : Optional.empty();
    }

    private static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
