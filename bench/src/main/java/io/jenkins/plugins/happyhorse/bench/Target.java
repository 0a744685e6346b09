package io.jenkins.plugins.happyhorse.bench;

import io.jenkins.plugins.happyhorse.bench.report.Report;

/**
 * One hard target and how the run did against it. A target whose figure could not be measured
 * (NaN) is missed.
 *
 * @param scenario the scenario that measured it
 * @param name what is promised, e.g. "thread growth, 1,000 renders"
 * @param limit the promise, e.g. "≤ 32"
 * @param value the measured figure
 * @param unit its unit
 * @param met whether the figure keeps the promise
 * @param note how the figure was obtained, or why it missed
 */
public record Target(String scenario, String name, String limit, double value, String unit, boolean met, String note) {

    /** A target met when {@code value ≤ max}. */
    public static Target atMost(String scenario, String name, double value, double max, String unit, String note) {
        return new Target(
                scenario, name, "≤ " + Report.number(max), value, unit, !Double.isNaN(value) && value <= max, note);
    }

    /** A target met when {@code value ≥ min}. */
    public static Target atLeast(String scenario, String name, double value, double min, String unit, String note) {
        return new Target(
                scenario, name, "≥ " + Report.number(min), value, unit, !Double.isNaN(value) && value >= min, note);
    }
}
