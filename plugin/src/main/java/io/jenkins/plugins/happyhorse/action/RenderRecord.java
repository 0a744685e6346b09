package io.jenkins.plugins.happyhorse.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * One finished render of a build, as shown on the build page and returned to the Pipeline: what
 * was asked, what the host did, what it cost and where the clip is. Holds no secret.
 */
public final class RenderRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String prompt;
    private final String provider;
    private final String predictionId;
    private final Long seed;
    private final BigDecimal cost;
    private final int durationSeconds;
    private final String resolution;
    private final String aspectRatio;
    private final int width;
    private final int height;
    private final long bytes;
    private final double measuredSeconds;
    private final String outputUrl;
    private final String workspacePath;
    private final String artifactPath;
    private final long submittedAtMillis;
    private final long completedAtMillis;
    private final long elapsedMillis;
    private final boolean collected;
    private final String reusedFrom;
    private final String reusedFromUrl;
    private final BigDecimal saved;

    private RenderRecord(Builder b) {
        this.prompt = b.prompt;
        this.provider = b.provider;
        this.predictionId = b.predictionId;
        this.seed = b.seed;
        this.cost = b.cost;
        this.durationSeconds = b.durationSeconds;
        this.resolution = b.resolution;
        this.aspectRatio = b.aspectRatio;
        this.width = b.width;
        this.height = b.height;
        this.bytes = b.bytes;
        this.measuredSeconds = b.measuredSeconds;
        this.outputUrl = b.outputUrl;
        this.workspacePath = b.workspacePath;
        this.artifactPath = b.artifactPath;
        this.submittedAtMillis = b.submittedAtMillis;
        this.completedAtMillis = b.completedAtMillis;
        this.elapsedMillis = b.elapsedMillis;
        this.collected = b.collected;
        this.reusedFrom = b.reusedFrom;
        this.reusedFromUrl = b.reusedFromUrl;
        this.saved = b.saved;
    }

    /** A builder; every field is optional. */
    public static Builder builder() {
        return new Builder();
    }

    public String getPrompt() {
        return prompt;
    }

    /** The host's display name, e.g. WaveSpeed. */
    public String getProvider() {
        return provider;
    }

    public String getPredictionId() {
        return predictionId;
    }

    /** The seed sent to the host, or null when the host chose one. */
    public @CheckForNull Long getSeed() {
        return seed;
    }

    /** The cost in USD. */
    public BigDecimal getCost() {
        return cost;
    }

    public int getDurationSeconds() {
        return durationSeconds;
    }

    public String getResolution() {
        return resolution;
    }

    public String getAspectRatio() {
        return aspectRatio;
    }

    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    public long getBytes() {
        return bytes;
    }

    /** The clip's length as measured in the file, in seconds. */
    public double getMeasuredSeconds() {
        return measuredSeconds;
    }

    /** The host's URL of the clip (it expires after a while). */
    public @CheckForNull String getOutputUrl() {
        return outputUrl;
    }

    /** Where the clip was written in the workspace, or null when there was no workspace. */
    public @CheckForNull String getWorkspacePath() {
        return workspacePath;
    }

    /** The clip's path among the build's artifacts, or null when it was not archived. */
    public @CheckForNull String getArtifactPath() {
        return artifactPath;
    }

    /**
     * The artifact path as it goes into a URL, each segment encoded (a name may hold a space or a
     * {@code #}), or null when the clip was not archived.
     */
    public @CheckForNull String getArtifactHref() {
        if (artifactPath == null) {
            return null;
        }
        StringBuilder href = new StringBuilder();
        for (String segment : artifactPath.split("/", -1)) {
            if (href.length() > 0) {
                href.append('/');
            }
            href.append(Util.rawEncode(segment));
        }
        return href.toString();
    }

    public long getSubmittedAtMillis() {
        return submittedAtMillis;
    }

    public long getCompletedAtMillis() {
        return completedAtMillis;
    }

    public long getElapsedMillis() {
        return elapsedMillis;
    }

    /** The render's duration from upload to verified clip, for people, e.g. {@code 2 min 3 sec}. */
    public String getElapsed() {
        return Util.getTimeSpanString(elapsedMillis);
    }

    /**
     * Whether the clip was collected by its prediction id (submitted, and paid for, earlier): it has
     * no prompt, seed or cost of its own.
     */
    public boolean isCollected() {
        return collected;
    }

    /**
     * The clip for people, e.g. {@code 5.0 s, 1280×720, 1391008 bytes (asked: 5 s, 720p, 16:9)}:
     * what was measured in the file, then what was asked when known.
     */
    public String getClipText() {
        String measured = String.format(Locale.ROOT, "%.1f s, %d×%d, %d bytes", measuredSeconds, width, height, bytes);
        return resolution == null
                ? measured
                : measured + " (asked: " + durationSeconds + " s, " + resolution + ", " + aspectRatio + ")";
    }

    /** The build that paid for a reused clip, e.g. {@code folder/nightly #12}; null for a clip rendered here. */
    public @CheckForNull String getReusedFrom() {
        return reusedFrom;
    }

    /** That build's URL relative to Jenkins' root, when it existed as the clip was reused; else null. */
    public @CheckForNull String getReusedFromUrl() {
        return reusedFromUrl;
    }

    /** What a reused clip saved, e.g. {@code 0.70 USD}; empty for a clip rendered here. */
    public String getSavedText() {
        return saved == null ? "" : saved.toPlainString() + " USD";
    }

    /** The cost for people, e.g. {@code 0.70 USD}. */
    public String getCostText() {
        return cost == null ? "" : cost.toPlainString() + " USD";
    }

    /** Fills a {@link RenderRecord}. */
    public static final class Builder {
        private String prompt;
        private String provider;
        private String predictionId;
        private Long seed;
        private BigDecimal cost;
        private int durationSeconds;
        private String resolution;
        private String aspectRatio;
        private int width;
        private int height;
        private long bytes;
        private double measuredSeconds;
        private String outputUrl;
        private String workspacePath;
        private String artifactPath;
        private long submittedAtMillis;
        private long completedAtMillis;
        private long elapsedMillis;
        private boolean collected;
        private String reusedFrom;
        private String reusedFromUrl;
        private BigDecimal saved;

        private Builder() {}

        /** A reused clip: the build that paid for it, its URL (or null when gone) and what it saved. */
        public Builder reusedFrom(String build, String url, BigDecimal saved) {
            this.reusedFrom = build;
            this.reusedFromUrl = url;
            this.saved = saved;
            return this;
        }

        public Builder collected(boolean collected) {
            this.collected = collected;
            return this;
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder predictionId(String predictionId) {
            this.predictionId = predictionId;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder cost(BigDecimal cost) {
            this.cost = cost;
            return this;
        }

        public Builder durationSeconds(int durationSeconds) {
            this.durationSeconds = durationSeconds;
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

        public Builder picture(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder bytes(long bytes) {
            this.bytes = bytes;
            return this;
        }

        public Builder measuredSeconds(double measuredSeconds) {
            this.measuredSeconds = measuredSeconds;
            return this;
        }

        public Builder outputUrl(String outputUrl) {
            this.outputUrl = outputUrl;
            return this;
        }

        public Builder workspacePath(String workspacePath) {
            this.workspacePath = workspacePath;
            return this;
        }

        public Builder artifactPath(String artifactPath) {
            this.artifactPath = artifactPath;
            return this;
        }

        public Builder timings(long submittedAtMillis, long completedAtMillis, long elapsedMillis) {
            this.submittedAtMillis = submittedAtMillis;
            this.completedAtMillis = completedAtMillis;
            this.elapsedMillis = elapsedMillis;
            return this;
        }

        public RenderRecord build() {
            return new RenderRecord(this);
        }
    }
}
