package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a user asked of one render, exactly as typed in the Pipeline step or the freestyle build
 * step (null means "the default"). Plain values only: the credentials are named by id, never
 * held, so this may be saved with a Pipeline's program state.
 *
 * <p>With a {@link #predictionId()} it asks to collect the clip of a job submitted (and paid for)
 * earlier instead of rendering a new one.
 */
public final class RenderParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    // A plain ArrayList, which every serialisation Jenkins uses for program state can read back.
    private final ArrayList<String> images;
    private final String prompt;
    private final String resolution;
    private final String aspectRatio;
    // Doubles, not ints: a Pipeline may hand over 5.5 or 2^32 + 42, which must reach the checks
    // as written rather than narrowed to 5 or 42 (RenderPreparation refuses them).
    private final Double duration;
    private final Double seed;
    private final String provider;
    private final String credentialsId;
    private final String output;
    private final boolean archive;
    private final Double maxCost;
    // A Double for the same reason: 5.5 minutes is refused as written, not narrowed to 5.
    private final Double timeout;
    private final boolean dryRun;
    private final String predictionId;
    private final boolean watermark;
    private final String model;
    private final String reuse;

    private RenderParameters(Builder b) {
        this.images = new ArrayList<>(b.images);
        this.prompt = b.prompt;
        this.resolution = b.resolution;
        this.aspectRatio = b.aspectRatio;
        this.duration = b.duration;
        this.seed = b.seed;
        this.provider = b.provider;
        this.credentialsId = b.credentialsId;
        this.output = b.output;
        this.archive = b.archive;
        this.maxCost = b.maxCost;
        this.timeout = b.timeout;
        this.dryRun = b.dryRun;
        this.predictionId = b.predictionId;
        this.watermark = b.watermark;
        this.model = b.model;
        this.reuse = b.reuse;
    }

    /**
     * These values with {@code expand} applied to the images, the prompt and the output path (a
     * freestyle build expands its variables, such as {@code ${BUILD_NUMBER}}, there).
     */
    public RenderParameters expand(UnaryOperator<String> expand) {
        Builder b = new Builder();
        b.images.addAll(images.stream().map(expand).toList());
        b.prompt = prompt == null ? null : expand.apply(prompt);
        b.resolution = resolution;
        b.aspectRatio = aspectRatio;
        b.duration = duration;
        b.seed = seed;
        b.provider = provider;
        b.credentialsId = credentialsId;
        b.output = output == null ? null : expand.apply(output);
        b.archive = archive;
        b.maxCost = maxCost;
        b.timeout = timeout;
        b.dryRun = dryRun;
        b.predictionId = predictionId;
        b.watermark = watermark;
        b.model = model;
        b.reuse = reuse;
        return b.build();
    }

    /** A builder with nothing set (archive on, dry run off). */
    public static Builder builder() {
        return new Builder();
    }

    /** Workspace paths, Ant-style globs or https URLs, in order. */
    public @NonNull List<String> images() {
        return Collections.unmodifiableList(images);
    }

    public @CheckForNull String prompt() {
        return prompt;
    }

    public @CheckForNull String resolution() {
        return resolution;
    }

    public @CheckForNull String aspectRatio() {
        return aspectRatio;
    }

    /** Seconds of clip, as given (not necessarily a whole number; see {@link RenderPreparation}). */
    public @CheckForNull Double duration() {
        return duration;
    }

    /** The seed, as given (not necessarily a whole number in range; see {@link RenderPreparation}). */
    public @CheckForNull Double seed() {
        return seed;
    }

    /**
     * {@code value} as a user would have written it: {@code 16}, {@code 5.5}, {@code 4294967338},
     * not {@code 16.0} or {@code 4.294967338E9}.
     */
    public static String shown(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code value} for a form field or a Pipeline snippet: a whole number as an {@code Integer}
     * or {@code Long} (so that it reads {@code 8}, not {@code 8.0}), anything else as it is.
     */
    public static @CheckForNull Number plain(@CheckForNull Double value) {
        if (value == null || Double.isInfinite(value) || Double.compare(value, Math.rint(value)) != 0) {
            return value;
        }
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return value.intValue();
        }
        if (value >= Long.MIN_VALUE && value < 0x1p63) {
            return value.longValue();
        }
        return value;
    }

    public @CheckForNull String provider() {
        return provider;
    }

    public @CheckForNull String credentialsId() {
        return credentialsId;
    }

    /** The clip's path relative to the workspace. */
    public @CheckForNull String output() {
        return output;
    }

    public boolean archive() {
        return archive;
    }

    /** The most the render may cost, in USD. */
    public @CheckForNull Double maxCost() {
        return maxCost;
    }

    /** Minutes the whole render may take, as given (not necessarily whole; see {@link RenderPreparation}). */
    public @CheckForNull Double timeout() {
        return timeout;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** The host's id of a job submitted earlier whose clip to collect, or null to render a new one. */
    public @CheckForNull String predictionId() {
        return predictionId;
    }

    /** Whether the host is asked to draw its mark on the clip (only Model Studio can). */
    public boolean watermark() {
        return watermark;
    }

    /** The host's model id, or null for the host's HappyHorse reference-to-video model. */
    public @CheckForNull String model() {
        return model;
    }

    /**
     * When to reuse an identical clip rendered before, as typed: {@code auto}, {@code always} or
     * {@code never}; null for {@code auto}. Checked by {@link StepSettings}.
     */
    public @CheckForNull String reuse() {
        return reuse;
    }

    /** Whether this collects the clip of a job submitted earlier rather than rendering a new one. */
    public boolean collects() {
        return predictionId != null;
    }

    /** Collects the values; nothing is checked here (see {@link RenderPreparation}). */
    public static final class Builder {
        private final List<String> images = new ArrayList<>();
        private String prompt;
        private String resolution;
        private String aspectRatio;
        private Double duration;
        private Double seed;
        private String provider;
        private String credentialsId;
        private String output;
        private boolean archive = true;
        private Double maxCost;
        private Double timeout;
        private boolean dryRun;
        private String predictionId;
        private boolean watermark;
        private String model;
        private String reuse;

        private Builder() {}

        public Builder images(List<String> images) {
            this.images.clear();
            if (images != null) {
                this.images.addAll(images);
            }
            return this;
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder resolution(String resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder aspectRatio(String aspectRatio) {
            this.aspectRatio = aspectRatio;
            return this;
        }

        public Builder duration(Double duration) {
            this.duration = duration;
            return this;
        }

        public Builder seed(Double seed) {
            this.seed = seed;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder credentialsId(String credentialsId) {
            this.credentialsId = credentialsId;
            return this;
        }

        public Builder output(String output) {
            this.output = output;
            return this;
        }

        public Builder archive(boolean archive) {
            this.archive = archive;
            return this;
        }

        public Builder maxCost(Double maxCost) {
            this.maxCost = maxCost;
            return this;
        }

        public Builder timeout(Double timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public Builder predictionId(String predictionId) {
            this.predictionId = predictionId;
            return this;
        }

        public Builder watermark(boolean watermark) {
            this.watermark = watermark;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder reuse(String reuse) {
            this.reuse = reuse;
            return this;
        }

        public RenderParameters build() {
            return new RenderParameters(this);
        }
    }
}
