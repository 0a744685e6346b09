package io.jenkins.plugins.happyhorse.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CurveTest {
    // p95 delays and requests per render of fixed intervals 1, 2, 3 and 5 s, in no particular order.
    private static final double[] DELAYS = {1.0, 4.8, 1.9, 2.9};
    private static final double[] REQUESTS = {190, 42, 97, 66};

    @Test
    void interpolatesBetweenTheTwoNearestPoints() {
        assertThat(Curve.requestsAt(DELAYS, REQUESTS, 1.45)).isCloseTo(143.5, within(1e-9));
        assertThat(Curve.requestsAt(DELAYS, REQUESTS, 3.85)).isCloseTo(54.0, within(1e-9));
    }

    @Test
    void returnsAMeasuredPointExactly() {
        assertThat(Curve.requestsAt(DELAYS, REQUESTS, 1.9)).isEqualTo(97.0);
    }

    @Test
    void doesNotExtrapolate() {
        assertThat(Curve.requestsAt(DELAYS, REQUESTS, 0.5)).isNaN();
        assertThat(Curve.requestsAt(DELAYS, REQUESTS, 6.0)).isNaN();
    }
}
