package io.jenkins.plugins.happyhorse.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
    private static final String BOUNDARY = "XyZ-boundary-42";

    @Test
    void readsEveryPartExactlyEvenWhenReadsAreTiny() throws IOException {
        byte[] file = new byte[300_000];
        new Random(1).nextBytes(file);
        // Near-misses of the delimiter inside the content must stay content.
        byte[] nearMiss = ("\r\n--" + BOUNDARY.substring(0, 10)).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(nearMiss, 0, file, 70_000, nearMiss.length);
        byte[] body = body(file);

        MultipartReader reader = MultipartReader.of(
                        "multipart/form-data; boundary=\"" + BOUNDARY + "\"",
                        new Trickle(new ByteArrayInputStream(body)))
                .orElseThrow();

        MultipartReader.Part note = reader.next().orElseThrow();
        assertThat(note.name()).isEqualTo("note");
        assertThat(new String(note.content().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        MultipartReader.Part part = reader.next().orElseThrow();
        assertThat(part.name()).isEqualTo("file");
        assertThat(part.filename()).isEqualTo("a.bin");
        assertThat(part.contentType()).isEqualTo("application/octet-stream");
        assertThat(part.content().readAllBytes()).isEqualTo(file);
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void skipsAPartThatWasNotRead() throws IOException {
        MultipartReader reader = MultipartReader.of(
                        "multipart/form-data; boundary=" + BOUNDARY, new ByteArrayInputStream(body(new byte[] {1, 2})))
                .orElseThrow();

        reader.next().orElseThrow();
        MultipartReader.Part file = reader.next().orElseThrow();

        assertThat(file.content().readAllBytes()).containsExactly(1, 2);
    }

    @Test
    void aBodyWithoutItsClosingBoundaryFails() throws IOException {
        byte[] body = body(new byte[] {1, 2, 3});
        byte[] cut = java.util.Arrays.copyOf(body, body.length - BOUNDARY.length() - 8);
        MultipartReader reader = MultipartReader.of(
                        "multipart/form-data; boundary=" + BOUNDARY, new ByteArrayInputStream(cut))
                .orElseThrow();
        reader.next().orElseThrow();
        MultipartReader.Part file = reader.next().orElseThrow();

        assertThatThrownBy(() -> file.content().readAllBytes()).isInstanceOf(IOException.class);
    }

    @Test
    void onlyMultipartFormDataWithABoundaryIsRead() {
        InputStream empty = new ByteArrayInputStream(new byte[0]);
        assertThat(MultipartReader.of("application/json", empty)).isEmpty();
        assertThat(MultipartReader.of("multipart/form-data", empty)).isEmpty();
        assertThat(MultipartReader.of(null, empty)).isEmpty();
    }

    private static byte[] body(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                ("preamble\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--"
                                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                                + "Content-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** Hands out at most seven bytes per read, so delimiters straddle buffer refills. */
    private static final class Trickle extends FilterInputStream {
        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 7));
        }
    }
}
