package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MediaOriginTest extends SimulatorTestSupport {

    @Test
    void rangeRequestsAndHeadServePartsOfTheClip() throws Exception {
        URI output = URI.create(completedOutput(body()));
        byte[] full = client.send(HttpRequest.newBuilder(output)).body();
        int total = full.length;

        HttpResponse<byte[]> head =
                client.send(HttpRequest.newBuilder(output).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<byte[]> first = client.send(HttpRequest.newBuilder(output).header("Range", "bytes=0-99"));
        HttpResponse<byte[]> suffix = client.send(HttpRequest.newBuilder(output).header("Range", "bytes=-10"));
        HttpResponse<byte[]> open =
                client.send(HttpRequest.newBuilder(output).header("Range", "bytes=" + (total - 5) + "-"));
        HttpResponse<byte[]> beyond =
                client.send(HttpRequest.newBuilder(output).header("Range", "bytes=" + total + "-"));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(total);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + total);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(full, 0, 100));
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(full, total - 10, total));
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(full, total - 5, total));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + total);
    }

    @Test
    void anOutputIsServedOnlyOnceItsJobSucceeded() throws Exception {
        sim.faults().nextJob(Outcome.FAIL);
        String failed = submitWaveSpeed(body());
        String running = submitWaveSpeed(body());
        URI runningUrl = URI.create(sim.job(running).orElseThrow().outputUrl());

        assertThat(client.send(HttpRequest.newBuilder(runningUrl)).statusCode()).isEqualTo(404);
        advance(PROCESSING);
        assertThat(client.send(HttpRequest.newBuilder(
                                URI.create(sim.job(failed).orElseThrow().outputUrl())))
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<byte[]> ok = client.send(HttpRequest.newBuilder(runningUrl));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(sim.job(running).orElseThrow().downloads()).isEqualTo(1);
        assertThat(sim.job(running).orElseThrow().firstDownloadAt()).isPresent();
        assertThat(sim.stats().mediaBytesServed()).isEqualTo(ok.body().length);
    }

    @Test
    void anAuthorizationHeaderOnADownloadIsRecorded() throws Exception {
        URI output = URI.create(completedOutput(body()));

        HttpResponse<byte[]> leaked =
                client.send(HttpRequest.newBuilder(output).header("Authorization", "Bearer " + KEY));
        client.send(HttpRequest.newBuilder(output).header("Authorization", "Basic dXNlcjpwdw=="));

        assertThat(leaked.statusCode()).isEqualTo(200);
        List<MediaAuthorization> seen = sim.stats().mediaAuthorizations();
        assertThat(seen).extracting(MediaAuthorization::carriesApiKey).containsExactly(true, false);
        assertThat(seen).extracting(MediaAuthorization::scheme).containsExactly("Bearer", "Basic");
        assertThat(seen.get(0).path()).startsWith("/outputs/");
        assertThat(sim.stats().toString()).doesNotContain(KEY);
    }

    @Test
    void anUploadedImageIsWhatTheClipShows() throws Exception {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 200, 90));
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String imageUrl = TestClient.json(
                        client.upload(atlas("/model/uploadMedia"), "green.png", "image/png", png.toByteArray()))
                .path("data")
                .path("download_url")
                .asText();

        String id = submitAtlas(atlasBody("images", List.of(imageUrl), "aspect_ratio", "1:1"));
        advance(PROCESSING);
        Mp4Probe probe = new Mp4Probe(client.send(HttpRequest.newBuilder(
                        URI.create(sim.job(id).orElseThrow().outputUrl())))
                .body());

        assertThat(probe.trackWidth).isEqualTo(90);
        assertThat(probe.trackHeight).isEqualTo(90);
        Mp4Probe.Sps sps = probe.parseSps();
        Mp4Probe.Bits bits = new Mp4Probe.Bits(Mp4Probe.unescape(probe.sampleNal(0), 1));
        bits.ue();
        bits.ue();
        bits.ue();
        bits.u(sps.log2MaxFrameNum);
        bits.ue();
        bits.u(2);
        bits.se();
        bits.ue();
        assertThat(bits.ue()).isEqualTo(25);
        while (!bits.aligned()) {
            bits.u(1);
        }
        // BT.601 limited-range luma of (30, 200, 90): 16 + (65.481*30 + 128.553*200 + 24.966*90) / 255 = 134.4
        assertThat(bits.u(8)).isBetween(132, 137);
    }

    @Test
    void unknownKeysAndWrongUploadNamesAre404InStorageStyle() throws Exception {
        String url = TestClient.json(
                        client.upload(ws("/api/v3/media/upload/binary"), "a.png", "image/png", new byte[] {1}))
                .path("data")
                .path("download_url")
                .asText();
        URI renamed = URI.create(url.replace("/a.png", "/b.png"));

        HttpResponse<byte[]> wrongName = client.send(HttpRequest.newBuilder(renamed));
        HttpResponse<byte[]> unknown = client.send(HttpRequest.newBuilder(URI.create(sim.mediaBaseUrl() + "/nothing")));

        assertThat(wrongName.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("<Code>NoSuchKey</Code>");
    }

    @Test
    void anImageOverTwentyMegabytesIsRefusedAndNotKept() throws Exception {
        byte[] big = new byte[20 * 1024 * 1024 + 1];

        HttpResponse<byte[]> reply = client.upload(atlas("/model/uploadMedia"), "big.png", "image/png", big);

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(TestClient.json(reply).path("msg").asText()).startsWith("file:");
        try (var files = java.nio.file.Files.list(sim.workDirectory().resolve("uploads"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void closingDeletesUploadsAndClips() throws Exception {
        completedOutput(body());
        java.nio.file.Path work = sim.workDirectory();
        client.send(HttpRequest.newBuilder(URI.create(sim.jobs().get(0).outputUrl())));
        try (var files = java.nio.file.Files.list(work.resolve("outputs"))) {
            assertThat(files).hasSize(1);
        }

        sim.close();

        assertThat(work).doesNotExist();
    }

    @Test
    void paddedOutputsStreamAFreeBoxUpToTheRequestedSize() throws Exception {
        long padded = 8L * 1024 * 1024;
        try (Simulator sim8 = Simulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .pictureScale(8)
                .padOutputsTo(padded)
                .processingTime(PROCESSING)
                .start()) {
            URI submit = URI.create(sim8.waveSpeedBaseUrl() + "/api/v3/alibaba/happyhorse-1.0/reference-to-video");
            String id = TestClient.json(client.postJson(submit, body()))
                    .path("data")
                    .path("id")
                    .asText();
            advance(PROCESSING);
            URI output = URI.create(sim8.job(id).orElseThrow().outputUrl());

            HttpResponse<InputStream> reply =
                    client.http.send(HttpRequest.newBuilder(output).build(), HttpResponse.BodyHandlers.ofInputStream());
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try (InputStream in = reply.body()) {
                in.transferTo(all);
            }

            assertThat(all.size()).isEqualTo(padded);
            Mp4Probe probe = new Mp4Probe(all.toByteArray());
            assertThat(probe.topLevel).containsExactly("ftyp", "moov", "mdat", "free");
            assertThat(probe.movieDuration / probe.movieTimescale).isEqualTo(5);
        }
    }

    @Test
    void paddingBeyondFourGigabytesUsesALargeBoxSize() throws Exception {
        long padded = 5L * 1024 * 1024 * 1024;
        try (Simulator big = Simulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .pictureScale(8)
                .padOutputsTo(padded)
                .processingTime(PROCESSING)
                .start()) {
            URI submit = URI.create(big.waveSpeedBaseUrl() + "/api/v3/alibaba/happyhorse-1.0/reference-to-video");
            String id = TestClient.json(client.postJson(submit, body()))
                    .path("data")
                    .path("id")
                    .asText();
            advance(PROCESSING);
            URI output = URI.create(big.job(id).orElseThrow().outputUrl());
            byte[] start = client.send(HttpRequest.newBuilder(output).header("Range", "bytes=0-65535"))
                    .body();
            long fileEnd = clipEnd(start);

            HttpResponse<byte[]> box = client.send(
                    HttpRequest.newBuilder(output).header("Range", "bytes=" + fileEnd + "-" + (fileEnd + 15)));

            assertThat(box.headers().firstValue("Content-Range"))
                    .hasValue("bytes " + fileEnd + "-" + (fileEnd + 15) + "/" + padded);
            java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(box.body());
            assertThat(header.getInt()).isEqualTo(1);
            assertThat(new String(box.body(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("free");
            assertThat(header.getLong(8)).isEqualTo(padded - fileEnd);
        }
    }

    /** Where the clip proper (ftyp, moov, mdat) ends, read from the box headers at its start. */
    private static long clipEnd(byte[] start) {
        long position = 0;
        for (int box = 0; box < 3; box++) {
            position += java.nio.ByteBuffer.wrap(start, (int) position, 4).getInt() & 0xFFFFFFFFL;
        }
        return position;
    }

    private String completedOutput(java.util.Map<String, Object> body) throws Exception {
        String id = submitWaveSpeed(body);
        advance(PROCESSING);
        return waveSpeedResult(id).path("outputs").get(0).asText();
    }
}
