package io.jenkins.plugins.happyhorse.bench.measure;

import java.util.Arrays;

/**
 * Order statistics of a sample: the nearest-rank percentile (the smallest value with at least
 * {@code p} % of the sample at or below it), the maximum and the mean. An empty sample has NaN
 * for every figure, so a missing measurement can never pass for zero.
 */
public final class Percentiles {
    private final double[] sorted;

    private Percentiles(double[] sorted) {
        this.sorted = sorted;
    }

    /** The statistics of {@code values} (copied; NaN entries are left out). */
    public static Percentiles of(double[] values) {
        double[] copy = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** How many values the sample holds. */
    public int count() {
        return sorted.length;
    }

    /**
     * The nearest-rank percentile: the value at rank {@code ceil(p / 100 × n)}.
     *
     * @param p from 0 (exclusive) to 100 (inclusive)
     */
    public double percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is from 0 (exclusive) to 100, was " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public double p50() {
        return percentile(50);
    }

    public double p95() {
        return percentile(95);
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    public double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).sum() / sorted.length;
    }
}
