package io.jenkins.plugins.happyhorse.spend;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The chart's layout: a round top for the y axis, labels on round amounts, a visible cent. */
class SpendChartTest {

    @Test
    void theTopOfTheAxisIsTheLargestDayRoundedUpToOneTwoTwoAndAHalfOrFive() {
        assertThat(SpendChart.roundUp(new BigDecimal("4.20"))).isEqualByComparingTo("5");
        assertThat(SpendChart.roundUp(new BigDecimal("0.42"))).isEqualByComparingTo("0.5");
        assertThat(SpendChart.roundUp(new BigDecimal("12.60"))).isEqualByComparingTo("20");
        assertThat(SpendChart.roundUp(new BigDecimal("2.10"))).isEqualByComparingTo("2.5");
        assertThat(SpendChart.roundUp(new BigDecimal("2.00"))).isEqualByComparingTo("2");
        assertThat(SpendChart.roundUp(new BigDecimal("56.00"))).isEqualByComparingTo("100");
        assertThat(SpendChart.roundUp(BigDecimal.ZERO)).isEqualByComparingTo("1");
    }

    @Test
    void anAxisUpToTwoAndAHalfIsLabelledInFifths() {
        SpendChart chart = new SpendChart(days(new BigDecimal("2.10"), new BigDecimal("0.01")));

        assertThat(chart.getYTicks())
                .extracting(SpendChart.Tick::getLabel)
                .containsExactly("0.00", "0.50", "1.00", "1.50", "2.00", "2.50");
    }

    @Test
    void aCentOnALargeScaleIsStillDrawnAndAnEmptyDayIsNot() {
        SpendChart chart = new SpendChart(days(new BigDecimal("50.00"), new BigDecimal("0.01"), BigDecimal.ZERO));

        assertThat(chart.getBars()).extracting(SpendChart.Bar::getHeight).containsExactly("200.0", "1.0", "0.0");
        assertThat(chart.getBars().get(2).getCssClass()).contains("happyhorse-spend-today");
        assertThat(chart.getBars().get(1).getTitle()).isEqualTo("Fri 2 Jan 2026: 0.01 USD");
    }

    private static NavigableMap<LocalDate, BigDecimal> days(BigDecimal... amounts) {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        LocalDate day = LocalDate.of(2026, 1, 1);
        for (BigDecimal amount : amounts) {
            days.put(day, amount);
            day = day.plusDays(1);
        }
        return days;
    }
}
