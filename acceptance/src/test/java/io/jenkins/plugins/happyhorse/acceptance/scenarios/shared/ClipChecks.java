package io.jenkins.plugins.happyhorse.acceptance.scenarios.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.happyhorse.acceptance.harness.SimulatorCounters;
import io.jenkins.plugins.happyhorse.acceptance.media.Mp4File;
import io.jenkins.plugins.happyhorse.acceptance.pages.Build;
import java.math.BigDecimal;
import java.util.List;

/** Checks every render scenario makes: the clip, the counters, the secret. */
public final class ClipChecks {
    /** WaveSpeed and Atlas Cloud both charge 0.42 USD for 3 s at 720p. */
    public static final BigDecimal PRICE_3S_720P = new BigDecimal("0.42");

    private ClipChecks() {}

    /** The archived clip is a complete MP4 of 3 s at 1280x720 (H.264); what was read. */
    public static Mp4File assertArchivedClip(Build build, String artifact) {
        assertThat(build.artifacts()).as("artifacts of %s", build).contains(artifact);
        byte[] bytes = build.artifact(artifact);
        Mp4File mp4 = Mp4File.read(bytes);
        assertThat(mp4.boxes()).as("top-level boxes").startsWith("ftyp").contains("moov", "mdat");
        assertThat(mp4.codec()).as("video codec").isEqualTo("avc1");
        assertThat(mp4.durationSeconds()).as("duration (mvhd)").isCloseTo(3.0, within(0.05));
        assertThat(mp4.videoSeconds()).as("duration of the video track").isCloseTo(3.0, within(0.05));
        assertThat(mp4.width()).as("width").isEqualTo(1280);
        assertThat(mp4.height()).as("height").isEqualTo(720);
        assertThat(mp4.frames()).as("frames").isPositive();
        return mp4;
    }

    /** Exactly one job of this scenario on {@code host}, charged {@code price}; its id. */
    public static SimulatorCounters.Job assertOneJob(
            SimulatorCounters counters, String marker, String host, BigDecimal price) {
        List<SimulatorCounters.Job> jobs = counters.jobsFor(marker);
        assertThat(jobs).as("the simulator's jobs for %s", marker).hasSize(1);
        SimulatorCounters.Job job = jobs.get(0);
        assertThat(job.host()).as("host").isEqualTo(host);
        assertThat(job.cost()).as("charge").isEqualByComparingTo(price);
        return job;
    }

    /** No job of this scenario reached the simulator, so nothing was charged. */
    public static void assertNothingCharged(SimulatorCounters counters, String marker) {
        assertThat(counters.jobsFor(marker))
                .as("the simulator's jobs for %s", marker)
                .isEmpty();
        assertThat(counters.chargesFor(marker)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    /** The media origin never received the API key (it is sent to the API origin only). */
    public static void assertKeyNeverSentToMedia(SimulatorCounters counters) {
        assertThat(counters.mediaAuthorizations())
                .as("Authorization headers the media origin received")
                .noneMatch(SimulatorCounters.MediaAuthorization::carriesApiKey);
    }
}
