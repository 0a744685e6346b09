package io.jenkins.plugins.happyhorse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.modelstudio.Watermark;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The host marks clips unless asked not to: read the pixels of the clips it serves. */
class ModelStudioWatermarkTest extends ModelStudioTestSupport {
    /** Dark blue: luma about 32, far below the mark's white (235). */
    private static final Color REFERENCE = new Color(10, 20, 120);

    @Test
    void byDefaultEveryPictureCarriesABrightHhMarkInTheBottomRightCorner() throws Exception {
        String first = upload(MODEL, "one.png", png(REFERENCE));
        String second = upload(MODEL, "two.png", png(REFERENCE));
        ObjectNode body = msBody(first, second);
        parameters(body).remove("seed");

        Mp4Probe clip = render(body);

        assertThat(clip.syncSamples).hasSize(2);
        for (long sync : clip.syncSamples) {
            PcmLuma picture = PcmLuma.of(clip, (int) sync - 1);
            Rectangle mark = Watermark.area(picture.width, picture.height);
            assertThat(mark.x + mark.width).isGreaterThan(picture.width * 3 / 4);
            assertThat(mark.y + mark.height).isGreaterThan(picture.height * 3 / 4);
            assertThat(picture.shareAtLeast(mark, 200)).as("white block").isGreaterThan(0.4);
            assertThat(1 - picture.shareAtLeast(mark, 60)).as("dark HH strokes").isGreaterThan(0.15);
            assertThat(picture.at(picture.width / 2, picture.height / 2))
                    .as("the picture itself")
                    .isLessThan(60);
            assertThat(picture.at(2, 2)).as("the other corners").isLessThan(60);
        }
        // Between IDR pictures every frame is a skipped P picture, which repeats the marked one.
        for (int i = 1; i < (int) (long) clip.syncSamples.get(1) - 1; i++) {
            assertThat(clip.sampleNal(i)[0] & 31).isEqualTo(1);
        }
    }

    @Test
    void withWatermarkFalseThePictureIsLeftAlone() throws Exception {
        String image = upload(MODEL, "one.png", png(REFERENCE));
        ObjectNode body = msBody(image);
        parameters(body).put("watermark", false);

        Mp4Probe clip = render(body);

        PcmLuma picture = PcmLuma.of(clip, 0);
        Rectangle mark = Watermark.area(picture.width, picture.height);
        assertThat(picture.shareAtLeast(mark, 60)).isZero();
    }

    private Mp4Probe render(ObjectNode body) throws Exception {
        HttpResponse<byte[]> submitted =
                client.send(asyncSubmit(body).header("X-DashScope-OssResourceResolve", "enable"));
        assertThat(submitted.statusCode()).isEqualTo(200);
        String id = TestClient.json(submitted).path("output").path("task_id").asText();
        advance(PROCESSING);
        URI url = URI.create(task(id).path("output").path("video_url").asText());
        HttpResponse<byte[]> video = client.send(HttpRequest.newBuilder(url));
        assertThat(video.statusCode()).isEqualTo(200);
        return new Mp4Probe(video.body());
    }

    private static byte[] png(Color colour) throws Exception {
        BufferedImage image = new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 64, 36);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
