package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.happyhorse.action.RenderRecord;
import io.jenkins.plugins.happyhorse.client.engine.Preflight;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.client.reuse.StoredRender;
import io.jenkins.plugins.happyhorse.client.spec.ClipSpec;
import io.jenkins.plugins.happyhorse.reuse.ArtifactClipResolver;
import io.jenkins.plugins.happyhorse.reuse.ArtifactLocator;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished render tells the build: the values the Pipeline step returns as a map (and the
 * freestyle build step logs). Plain values only, so a Pipeline may keep the map in its state.
 */
public final class RenderOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> values;

    private RenderOutcome(LinkedHashMap<String, Object> values) {
        this.values = values;
    }

    /**
     * The outcome of {@code result}, delivered as {@code delivered}. A clip collected by its
     * prediction id has no cost or seed of its own, and its shape is what was expected, if given.
     */
    static RenderOutcome of(RenderResult result, OutputDelivery.Delivered delivered) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("output", delivered.workspacePath());
        m.put("artifactPath", delivered.artifactPath());
        m.put("provider", result.provider().id());
        m.put("predictionId", result.predictionId());
        m.put("seed", result.seed());
        m.put("cost", result.cost());
        m.put("duration", result.resolution() == null ? null : result.durationSeconds());
        m.put(
                "resolution",
                result.resolution() == null ? null : result.resolution().wire());
        m.put(
                "aspectRatio",
                result.aspectRatio() == null ? null : result.aspectRatio().wire());
        m.put(
                "outputUrl",
                result.outputUrl() == null ? null : result.outputUrl().toString());
        m.put("width", result.width());
        m.put("height", result.height());
        m.put("bytes", result.byteSize());
        m.put("measuredDuration", seconds(result.measuredDuration()));
        m.put("dryRun", false);
        m.put("reused", result.reused());
        m.put("reusedFrom", result.reused() ? RenderBooks.paidBy(result.reusedFrom()) : null);
        return new RenderOutcome(m);
    }

    /** The outcome of a dry run: what was checked and what it would cost; nothing else exists. */
    static RenderOutcome dryRun(Preflight check) {
        ClipSpec spec = check.spec();
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("output", null);
        m.put("artifactPath", null);
        m.put("provider", spec.provider().id());
        m.put("predictionId", null);
        m.put("seed", spec.seedOrNull());
        m.put("cost", check.estimate().usd());
        m.put("duration", spec.durationSeconds());
        m.put("resolution", spec.resolution().wire());
        m.put("aspectRatio", spec.aspectRatio().wire());
        m.put("outputUrl", null);
        m.put("width", 0);
        m.put("height", 0);
        m.put("bytes", 0L);
        m.put("measuredDuration", null);
        m.put("dryRun", true);
        m.put("reused", false);
        m.put("reusedFrom", null);
        return new RenderOutcome(m);
    }

    /** The build page's entry for {@code result}; {@code prompt} is null for a collected clip. */
    static RenderRecord record(RenderResult result, @CheckForNull String prompt, OutputDelivery.Delivered delivered) {
        RenderResult.Timings timings = result.timings();
        Double measured = seconds(result.measuredDuration());
        RenderRecord.Builder record = RenderRecord.builder();
        if (result.reused()) {
            StoredRender from = result.reusedFrom();
            Run<?, ?> paid = ArtifactLocator.parse(from.locator())
                    .map(ArtifactClipResolver::build)
                    .orElse(null);
            record.reusedFrom(RenderBooks.paidBy(from), paid == null ? null : paid.getUrl(), from.usd());
        }
        return record.prompt(prompt)
                .collected(result.cost() == null)
                .provider(result.provider().displayName())
                .predictionId(result.predictionId())
                .seed(result.seed())
                .cost(result.cost())
                .durationSeconds(result.durationSeconds())
                .resolution(
                        result.resolution() == null ? null : result.resolution().wire())
                .aspectRatio(
                        result.aspectRatio() == null
                                ? null
                                : result.aspectRatio().wire())
                .picture(result.width(), result.height())
                .bytes(result.byteSize())
                .measuredSeconds(measured == null ? 0 : measured)
                .outputUrl(
                        result.outputUrl() == null ? null : result.outputUrl().toString())
                .workspacePath(delivered.workspacePath())
                .artifactPath(delivered.artifactPath())
                .timings(
                        timings.submittedAt() == null
                                ? 0
                                : timings.submittedAt().toEpochMilli(),
                        timings.completedAt() == null
                                ? 0
                                : timings.completedAt().toEpochMilli(),
                        timings.elapsed() == null ? 0 : timings.elapsed().toMillis())
                .build();
    }

    private static @CheckForNull Double seconds(@CheckForNull Duration measured) {
        return measured == null ? null : measured.toMillis() / 1000.0;
    }

    /**
     * The values, in a fixed order: {@code output}, {@code artifactPath}, {@code provider},
     * {@code predictionId}, {@code seed}, {@code cost} (USD), {@code duration}, {@code
     * resolution}, {@code aspectRatio}, {@code outputUrl}, {@code width}, {@code height}, {@code
     * bytes}, {@code measuredDuration} (seconds), {@code dryRun}, {@code reused} (whether the clip
     * was reused instead of paid for) and {@code reusedFrom} (the build that paid for it, e.g.
     * {@code folder/nightly #12}; null when not reused).
     */
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(values);
    }

    /** The cost in USD; null for a clip collected by its prediction id. */
    public @CheckForNull BigDecimal cost() {
        return (BigDecimal) values.get("cost");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
