package io.jenkins.plugins.happyhorse.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.client.engine.DownloadProgress;
import io.jenkins.plugins.happyhorse.client.engine.RenderEvent;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The progress display, fed by hand: no terminal, no clock, no engine. What it prints depends
 * only on the events and snapshots it is given.
 */
class ProgressTest {
    private static final String ID = "9d88c51cccf45c4c9da72738b6e21afd";
    private static final Duration EXPECTED = Duration.ofSeconds(120);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Snapshot at(RenderPhase phase, String label, String message, long seconds) {
        return new Snapshot(phase, label, message, Duration.ofSeconds(seconds), null, null, null, "WaveSpeed", null);
    }

    /** The job was submitted at second 1. */
    private static Snapshot waiting(String label, String message, long seconds) {
        return new Snapshot(
                RenderPhase.WAITING,
                label,
                message,
                Duration.ofSeconds(seconds),
                Duration.ofSeconds(seconds - 1),
                EXPECTED,
                null,
                "WaveSpeed",
                ID);
    }

    private static Snapshot downloading(long seconds, long done, long total) {
        return new Snapshot(
                RenderPhase.DOWNLOADING,
                "downloading",
                "downloading the clip from http://127.0.0.1:41571",
                Duration.ofSeconds(seconds),
                Duration.ofSeconds(seconds - 1),
                EXPECTED,
                done < 0 ? null : new DownloadProgress(done, total),
                "WaveSpeed",
                ID);
    }

    private static void event(Progress p, Snapshot s) {
        p.onEvent(new RenderEvent(s.phase(), s.elapsed(), s.message()), s);
    }

    @Test
    void plainProgressPrintsEachPhaseEachUploadAndAHeartbeatEveryThirtySecondsOfWaiting() {
        Progress progress = Progress.create(err, false, () -> 80, false);

        event(progress, at(RenderPhase.ESTIMATING, "estimating", "estimated cost 0.70 USD", 0));
        event(progress, at(RenderPhase.UPLOADING, "uploading", "uploading image 1 of 2 (52270 bytes)", 0));
        event(progress, at(RenderPhase.UPLOADING, "uploading", "uploading image 2 of 2 (9120 bytes)", 0));
        event(progress, at(RenderPhase.SUBMITTING, "submitting", "submitting to WaveSpeed", 1));
        event(progress, at(RenderPhase.SUBMITTING, "submitted", "submitted; prediction id " + ID, 1));
        // No event for 47 s: the first poll comes at 40 % of the expected time.
        progress.onTick(waiting("waiting", "submitted; prediction id " + ID, 20));
        progress.onTick(waiting("waiting", "submitted; prediction id " + ID, 45));
        event(progress, waiting("processing", "prediction " + ID + " is processing", 48));
        progress.onTick(waiting("processing", "prediction " + ID + " is processing", 95));
        event(progress, downloading(101, -1, -1));
        event(progress, at(RenderPhase.VERIFYING, "verifying", "verifying 2780610 bytes", 101));
        event(progress, at(RenderPhase.DONE, "done", "done: clip.mp4 (1280x720, 5.00 s)", 101));
        progress.finish();

        assertThat(printed().lines())
                .containsExactly(
                        "[   0.0s] estimating  estimated cost 0.70 USD",
                        "[   0.0s] uploading   uploading image 1 of 2 (52270 bytes)",
                        "[   0.0s] uploading   uploading image 2 of 2 (9120 bytes)",
                        "[   1.0s] submitting  submitting to WaveSpeed",
                        "[   1.0s] submitted   submitted; prediction id " + ID,
                        "[  30.0s] waiting     29.0s of ~2m00s expected · WaveSpeed prediction " + ID,
                        "[  48.0s] processing  prediction " + ID + " is processing",
                        "[  1m00s] processing  59.0s of ~2m00s expected · WaveSpeed prediction " + ID,
                        "[  1m30s] processing  1m29s of ~2m00s expected · WaveSpeed prediction " + ID,
                        "[  1m41s] downloading downloading the clip from http://127.0.0.1:41571",
                        "[  1m41s] verifying   verifying 2780610 bytes",
                        "[  1m41s] done        done: clip.mp4 (1280x720, 5.00 s)");
    }

    @Test
    void verbosePlainProgressPrintsEveryEvent() {
        Progress progress = Progress.create(err, false, () -> 80, true);

        event(progress, at(RenderPhase.SUBMITTING, "submitting", "one", 0));
        event(progress, at(RenderPhase.SUBMITTING, "submitting", "two", 0));

        assertThat(printed().lines()).hasSize(2);
    }

    @Test
    void terminalProgressRedrawsOneLineInPlaceShowingTheWaitAgainstTheExpectedTime() {
        Progress progress = Progress.create(err, true, () -> 140, false);

        event(progress, waiting("processing", "prediction " + ID + " is processing", 71));
        String drawn = printed();
        progress.finish();

        assertThat(drawn)
                .doesNotContain("\n")
                .startsWith("\r[")
                .contains("processing", "1m11s", "1m10s of ~2m00s expected", "WaveSpeed prediction " + ID);
        assertThat(printed().substring(drawn.length())).matches("\r *\r");
    }

    @Test
    void terminalProgressShowsTheBytesDownloadedOfTheTotal() {
        Progress progress = Progress.create(err, true, () -> 100, false);

        progress.onTick(downloading(101, 1_258_291, 2_780_610));

        assertThat(printed()).contains("downloading", "downloaded 1.2 MB of 2.7 MB");
    }

    @Test
    void terminalLinesNeverReachTheLastColumnAtAnyWidthEvenAfterAResize() {
        AtomicInteger columns = new AtomicInteger(100);
        Progress progress = Progress.create(err, true, columns::get, false);

        for (int width : new int[] {100, 60, 40, 20, 8, 132}) {
            columns.set(width);
            event(progress, waiting("processing", "prediction " + ID + " is processing", 71));
            progress.onTick(downloading(101, 1_258_291, 2_780_610));
            String[] frames = printed().split("\r");
            String last = frames[frames.length - 1];
            assertThat(TerminalProgress.width(last.stripTrailing()))
                    .as("a frame at %d columns: '%s'", width, last)
                    .isLessThanOrEqualTo(Math.max(20, width) - 3);
        }
        assertThat(printed()).doesNotContain("\n");
    }

    @Test
    void theTextIsCutBeforeTheBarGoesAndOnANarrowTerminalTheBarGoesToo() {
        String wide = TerminalProgress.line(waiting("processing", "x", 71), 140);
        String cut = TerminalProgress.line(waiting("processing", "x", 71), 99);
        String narrow = TerminalProgress.line(waiting("processing", "x", 71), 59);

        assertThat(wide).startsWith("[").contains(ID);
        assertThat(cut).startsWith("[").contains("1m10s of ~2m00s expected").endsWith("…");
        assertThat(TerminalProgress.width(cut)).isEqualTo(99);
        assertThat(narrow).startsWith("processing").contains("1m10s of ~2m00s").endsWith("…");
        assertThat(TerminalProgress.width(narrow)).isEqualTo(59);
    }

    @Test
    void wideCharactersCountTwoColumns() {
        Snapshot s = at(RenderPhase.DONE, "done", "done: 製品のデモ動画クリップ.mp4 (1280x720, 5.00 s)", 101);

        String line = TerminalProgress.line(s, 40);

        assertThat(TerminalProgress.width(line)).isLessThanOrEqualTo(40);
        assertThat(TerminalProgress.width("製品")).isEqualTo(4);
    }
}
