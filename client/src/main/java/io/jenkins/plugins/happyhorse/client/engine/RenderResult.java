package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.reuse.StoredRender;
import io.jenkins.plugins.happyhorse.client.spec.AspectRatio;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Resolution;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A finished render: the verified clip at {@code output} and everything a build page shows about
 * it. For a dry run only the request's facts and the cost are set ({@code output}, {@code
 * predictionId} and {@code outputUrl} are null, sizes zero). A reused clip ({@link #reused()})
 * cost nothing: {@code cost} is zero, {@code predictionId} is the job that paid for it, {@code
 * outputUrl} null, and {@code reusedFrom} says where it came from and what it had cost.
 *
 * @param output the verified MP4
 * @param provider the host
 * @param predictionId the host's job id
 * @param seed the seed sent, or null when the host chose one
 * @param cost the estimated cost in USD
 * @param durationSeconds the requested duration
 * @param resolution the requested resolution
 * @param aspectRatio the requested aspect ratio
 * @param outputUrl where the host served the clip
 * @param byteSize the clip's length in bytes
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param measuredDuration the clip's duration as read from the file
 * @param timings when things happened
 * @param dryRun whether this was only a dry run
 * @param reusedFrom the stored render whose clip was reused, or null for a clip rendered now
 */
public record RenderResult(
        Path output,
        ProviderId provider,
        String predictionId,
        Long seed,
        BigDecimal cost,
        int durationSeconds,
        Resolution resolution,
        AspectRatio aspectRatio,
        URI outputUrl,
        long byteSize,
        int width,
        int height,
        Duration measuredDuration,
        Timings timings,
        boolean dryRun,
        StoredRender reusedFrom) {

    /** A result without reuse (every field but {@code reusedFrom}). */
    public RenderResult(
            Path output,
            ProviderId provider,
            String predictionId,
            Long seed,
            BigDecimal cost,
            int durationSeconds,
            Resolution resolution,
            AspectRatio aspectRatio,
            URI outputUrl,
            long byteSize,
            int width,
            int height,
            Duration measuredDuration,
            Timings timings,
            boolean dryRun) {
        this(
                output,
                provider,
                predictionId,
                seed,
                cost,
                durationSeconds,
                resolution,
                aspectRatio,
                outputUrl,
                byteSize,
                width,
                height,
                measuredDuration,
                timings,
                dryRun,
                null);
    }

    /** Whether the clip was reused from an identical render instead of rendered (and paid for) now. */
    public boolean reused() {
        return reusedFrom != null;
    }

    /**
     * Engine-clock instants of the render.
     *
     * @param queuedAt when start or resume was called
     * @param submittedAt when the submit was sent, or null for a dry run
     * @param completedAt when the clip was in place
     * @param elapsed from queued to completed
     */
    public record Timings(Instant queuedAt, Instant submittedAt, Instant completedAt, Duration elapsed) {}
}
