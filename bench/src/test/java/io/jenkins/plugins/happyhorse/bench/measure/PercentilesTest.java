package io.jenkins.plugins.happyhorse.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void usesTheNearestRank() {
        double[] values = new double[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = 20 - i; // 20 .. 1, unsorted on purpose
        }
        Percentiles p = Percentiles.of(values);

        assertThat(p.count()).isEqualTo(20);
        assertThat(p.p50()).isEqualTo(10.0);
        assertThat(p.p95()).isEqualTo(19.0);
        assertThat(p.max()).isEqualTo(20.0);
        assertThat(p.mean()).isEqualTo(10.5);
    }

    @Test
    void aSingleValueIsEveryPercentile() {
        Percentiles p = Percentiles.of(new double[] {1.7});

        assertThat(p.p50()).isEqualTo(1.7);
        assertThat(p.p95()).isEqualTo(1.7);
    }

    @Test
    void leavesOutMissingValuesAndReportsNothingForAnEmptySample() {
        assertThat(Percentiles.of(new double[] {Double.NaN, 3, Double.NaN}).p95())
                .isEqualTo(3.0);
        Percentiles empty = Percentiles.of(new double[0]);
        assertThat(empty.p50()).isNaN();
        assertThat(empty.max()).isNaN();
        assertThat(empty.mean()).isNaN();
    }

    @Test
    void refusesPercentilesOutsideTheRange() {
        Percentiles p = Percentiles.of(new double[] {1, 2});
        assertThatThrownBy(() -> p.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
