package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.happyhorse.action.RenderRecord;
import io.jenkins.plugins.happyhorse.client.engine.RenderResult;
import io.jenkins.plugins.happyhorse.workspace.OutputDelivery;
import java.io.Serializable;
import java.math.BigDecimal;
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

    /** The outcome of {@code result}, delivered as {@code delivered} (null for a dry run). */
    static RenderOutcome of(RenderResult result, @CheckForNull OutputDelivery.Delivered delivered) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("output", delivered == null ? null : delivered.workspacePath());
        m.put("artifactPath", delivered == null ? null : delivered.artifactPath());
        m.put("provider", result.provider().id());
        m.put("predictionId", result.predictionId());
        m.put("seed", result.seed());
        m.put("cost", result.cost());
        m.put("duration", result.durationSeconds());
        m.put("resolution", result.resolution().wire());
        m.put("aspectRatio", result.aspectRatio().wire());
        m.put(
                "outputUrl",
                result.outputUrl() == null ? null : result.outputUrl().toString());
        m.put("width", result.width());
        m.put("height", result.height());
        m.put("bytes", result.byteSize());
        m.put("measuredDuration", result.measuredDuration() == null ? null : seconds(result));
        m.put("dryRun", result.dryRun());
        return new RenderOutcome(m);
    }

    /** The build page's entry for {@code result}. */
    static RenderRecord record(RenderResult result, String prompt, OutputDelivery.Delivered delivered) {
        RenderResult.Timings timings = result.timings();
        return RenderRecord.builder()
                .prompt(prompt)
                .provider(result.provider().displayName())
                .predictionId(result.predictionId())
                .seed(result.seed())
                .cost(result.cost())
                .durationSeconds(result.durationSeconds())
                .resolution(result.resolution().wire())
                .aspectRatio(result.aspectRatio().wire())
                .picture(result.width(), result.height())
                .bytes(result.byteSize())
                .measuredSeconds(result.measuredDuration() == null ? 0 : seconds(result))
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

    private static double seconds(RenderResult result) {
        return result.measuredDuration().toMillis() / 1000.0;
    }

    /**
     * The values, in a fixed order: {@code output}, {@code artifactPath}, {@code provider},
     * {@code predictionId}, {@code seed}, {@code cost} (USD), {@code duration}, {@code
     * resolution}, {@code aspectRatio}, {@code outputUrl}, {@code width}, {@code height}, {@code
     * bytes}, {@code measuredDuration} (seconds) and {@code dryRun}.
     */
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(values);
    }

    /** The cost in USD. */
    public BigDecimal cost() {
        return (BigDecimal) values.get("cost");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
