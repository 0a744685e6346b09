package io.jenkins.plugins.happyhorse.bench.scenario;

/**
 * The fixed-interval trade-off curve: requests per render as a function of the p95 detection
 * delay, read by linear interpolation between measured points.
 */
public final class Curve {
    private Curve() {}

    /**
     * Requests per render a fixed-interval poller would need for a p95 delay of {@code delay},
     * interpolated between the two measured points around it; NaN outside the measured range.
     *
     * @param delays p95 delays of the measured points, in any order
     * @param requests their requests per render, in the same order
     */
    public static double requestsAt(double[] delays, double[] requests, double delay) {
        if (delays.length != requests.length) {
            throw new IllegalArgumentException("one request figure per delay is needed");
        }
        double best = Double.NaN;
        double bestSpan = Double.POSITIVE_INFINITY;
        for (int i = 0; i < delays.length; i++) {
            for (int j = 0; j < delays.length; j++) {
                double lo = delays[i];
                double hi = delays[j];
                if (!(lo <= delay && delay <= hi) || (lo == hi && i != j)) {
                    continue;
                }
                double span = hi - lo;
                if (span < bestSpan) {
                    bestSpan = span;
                    best = span == 0 ? requests[i] : requests[i] + (requests[j] - requests[i]) * (delay - lo) / span;
                }
            }
        }
        return best;
    }
}
