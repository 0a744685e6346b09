package io.jenkins.plugins.happyhorse.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainProgressPrintsOneLinePerPhaseAndTheJobIdWithTheElapsedTime() {
        Progress progress = Progress.create(err, false, 80, false);

        progress.onEvent(
                new RenderEvent(RenderPhase.UPLOADING, Duration.ZERO, "uploading image 1 of 2"),
                Duration.ofMillis(300),
                false);
        progress.onEvent(
                new RenderEvent(RenderPhase.UPLOADING, Duration.ZERO, "uploading image 2 of 2"),
                Duration.ofMillis(500),
                false);
        progress.onEvent(
                new RenderEvent(RenderPhase.SUBMITTING, Duration.ZERO, "submitting"), Duration.ofMillis(600), false);
        progress.onEvent(
                new RenderEvent(RenderPhase.SUBMITTING, Duration.ZERO, "submitted; prediction id p1"),
                Duration.ofMillis(700),
                true);
        progress.tick(Duration.ofSeconds(1));
        progress.onEvent(
                new RenderEvent(RenderPhase.WAITING, Duration.ZERO, "prediction p1 is processing"),
                Duration.ofSeconds(75),
                false);
        progress.finish();

        assertThat(printed().lines())
                .containsExactly(
                        "[   0.3s] uploading   uploading image 1 of 2",
                        "[   0.6s] submitting  submitting",
                        "[   0.7s] submitting  submitted; prediction id p1",
                        "[  1m15s] waiting     prediction p1 is processing");
    }

    @Test
    void verbosePlainProgressPrintsEveryEvent() {
        Progress progress = Progress.create(err, false, 80, true);

        progress.onEvent(new RenderEvent(RenderPhase.UPLOADING, Duration.ZERO, "image 1"), Duration.ZERO, false);
        progress.onEvent(new RenderEvent(RenderPhase.UPLOADING, Duration.ZERO, "image 2"), Duration.ZERO, false);

        assertThat(printed().lines()).hasSize(2);
    }

    @Test
    void terminalProgressRedrawsOneLineWithinTheWidthAndClearsIt() {
        Progress progress = Progress.create(err, true, 60, false);

        progress.onEvent(
                new RenderEvent(
                        RenderPhase.WAITING, Duration.ZERO, "prediction 0123456789abcdef0123456789 is processing"),
                Duration.ofSeconds(42),
                false);
        progress.tick(Duration.ofSeconds(43));
        String drawn = printed();
        progress.finish();

        assertThat(drawn).doesNotContain("\n").startsWith("\r[").contains("waiting", "43.0s");
        for (String frame : drawn.split("\r")) {
            assertThat(frame.length()).isLessThan(60);
        }
        String cleared = printed().substring(drawn.length());
        assertThat(cleared).matches("\r *\r");
    }
}
