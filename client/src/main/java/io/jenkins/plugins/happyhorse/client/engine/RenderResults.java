package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.media.Mp4Info;
import io.jenkins.plugins.happyhorse.client.reuse.StoredRender;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The three ways a run succeeds, as {@link RenderResult}s. */
final class RenderResults {
    private RenderResults() {}

    /** A dry run: the spec's facts and the estimate, nothing sent. */
    static RenderResult dryRun(Preflight checked, Instant queuedAt, Instant now) {
        ClipSpec spec = checked.spec();
        return new RenderResult(
                null,
                spec.provider(),
                null,
                spec.seedOrNull(),
                checked.estimate().usd(),
                spec.durationSeconds(),
                spec.resolution(),
                spec.aspectRatio(),
                null,
                0,
                0,
                0,
                Duration.ZERO,
                new RenderResult.Timings(queuedAt, null, now, Duration.between(queuedAt, now)),
                true);
    }

    /** A verified clip at {@code output}, of the job {@code job} describes. */
    static RenderResult delivered(
            RenderCheckpoint job, Path output, URI url, Mp4Info info, Instant queuedAt, Instant now) {
        return new RenderResult(
                output,
                job.provider(),
                job.predictionId(),
                job.seed(),
                job.estimatedCost(),
                job.durationSeconds(),
                job.resolution(),
                job.aspectRatio(),
                url,
                info.size(),
                info.width(),
                info.height(),
                Duration.ofMillis(Math.round(info.durationSeconds() * 1000)),
                new RenderResult.Timings(
                        queuedAt, job.adopted() ? null : job.submittedAt(), now, Duration.between(queuedAt, now)),
                false);
    }

    /** A clip reused from {@code from}: nothing sent, nothing paid. */
    static RenderResult reused(
            ClipSpec spec, StoredRender from, Path output, Mp4Info info, Instant queuedAt, Instant now) {
        return new RenderResult(
                output,
                spec.provider(),
                from.predictionId(),
                spec.seedOrNull(),
                java.math.BigDecimal.ZERO,
                spec.durationSeconds(),
                spec.resolution(),
                spec.aspectRatio(),
                null,
                info.size(),
                info.width(),
                info.height(),
                Duration.ofMillis(Math.round(info.durationSeconds() * 1000)),
                new RenderResult.Timings(queuedAt, null, now, Duration.between(queuedAt, now)),
                false,
                from);
    }
}
