package io.jenkins.plugins.happyhorse.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.bench.Target;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void givesFiguresTheDecimalsTheyDeserve() {
        assertThat(Report.number(1234.5)).isEqualTo("1235");
        assertThat(Report.number(12.345)).isEqualTo("12.3");
        assertThat(Report.number(1.2345)).isEqualTo("1.23");
        assertThat(Report.number(0.01234)).isEqualTo("0.012");
        assertThat(Report.number(32)).isEqualTo("32");
        assertThat(Report.number(Double.NaN)).isEqualTo("n/a");
        assertThat(Report.kib(16384)).isEqualTo("16");
    }

    @Test
    void aMissedTargetIsShownAsMissed() {
        ObjectNode results = json.createObjectNode();
        results.putObject("scenarios");
        results.set(
                "targets",
                json.valueToTree(List.of(
                        Target.atMost("scale1000", "heap", 21.7, 16, "KiB", "why"),
                        Target.atLeast("files", "throughput", 80, 70, "%", "how"))));

        String md = Report.markdown(results);

        assertThat(md).contains("| scale1000 | heap | ≤ 16 | 21.7 | KiB | **MISSED** | why |");
        assertThat(md).contains("| files | throughput | ≥ 70 | 80 | % | **met** | how |");
    }

    @Test
    void aTargetWithoutAFigureIsMissed() {
        assertThat(Target.atMost("s", "n", Double.NaN, 1, "u", "").met()).isFalse();
        assertThat(Target.atLeast("s", "n", Double.NaN, 1, "u", "").met()).isFalse();
        assertThat(Target.atMost("s", "n", 1, 1, "u", "").met()).isTrue();
    }

    @Test
    void drawsThePollingChart() throws IOException {
        System.setProperty("java.awt.headless", "true");
        ObjectNode polling = json.createObjectNode();
        polling.putObject("settings").put("rendersPerVariant", 10).put("timeScale", 10);
        var curve = polling.putArray("curve");
        curve.addObject()
                .put("kind", "engine")
                .put("label", "engine")
                .put("requestsPerRender", 37)
                .put("p95DelaySeconds", 1.7);
        double[][] fixed = {{1, 187, 1.0}, {2, 97, 1.9}, {3, 67, 2.9}, {5, 42, 4.2}};
        for (double[] f : fixed) {
            curve.addObject()
                    .put("kind", "fixed")
                    .put("label", "baseline")
                    .put("intervalSeconds", f[0])
                    .put("requestsPerRender", f[1])
                    .put("p95DelaySeconds", f[2]);
        }
        Path png = dir.resolve("chart.png");

        PollingChart.draw(polling, 0.6, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(640);
    }
}
