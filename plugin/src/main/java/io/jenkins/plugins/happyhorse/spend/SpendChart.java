package io.jenkins.plugins.happyhorse.spend;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A bar chart of spend by day, laid out on the server so that the page draws it as plain SVG: no
 * script, no library, nothing fetched from elsewhere. Every bar carries its day and amount as a
 * tooltip ({@code <title>}); the y axis is in USD (its title says so) with a round top value, the x axis names a day
 * every two weeks. The geometry is in the units of the SVG's {@code viewBox}, which the page scales
 * to its width.
 */
@Restricted(NoExternalUse.class)
public final class SpendChart {
    /** The viewBox's width and height. */
    public static final int WIDTH = 960;

    public static final int HEIGHT = 260;

    static final int LEFT = 64;
    static final int RIGHT = 24;
    static final int TOP = 16;
    static final int BOTTOM = 44;
    private static final int LABEL_EVERY = 15;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final List<Bar> bars = new ArrayList<>();
    private final List<Tick> yTicks = new ArrayList<>();
    private final List<Tick> xTicks = new ArrayList<>();
    private final BigDecimal top;

    SpendChart(NavigableMap<LocalDate, BigDecimal> byDay) {
        BigDecimal max = byDay.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        this.top = roundUp(max);
        int n = byDay.size();
        double slot = (double) getPlotWidth() / Math.max(n, 1);
        double barWidth = Math.max(1.0, slot * 0.75);
        int i = 0;
        for (Map.Entry<LocalDate, BigDecimal> e : byDay.entrySet()) {
            double h = scaled(e.getValue());
            if (e.getValue().signum() > 0 && h < 1.0) {
                h = 1.0; // a cent on a large scale still shows
            }
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            bars.add(new Bar(e.getKey(), e.getValue(), x, baseline() - h, barWidth, h, i == n - 1));
            if ((n - 1 - i) % LABEL_EVERY == 0) {
                xTicks.add(new Tick(DAY.format(e.getKey()), LEFT + i * slot + slot / 2));
            }
            i++;
        }
        // 2.5 splits into fifths, the other tops into quarters: round labels either way, and exact.
        int intervals = top.stripTrailingZeros().unscaledValue().equals(BigInteger.valueOf(25)) ? 5 : 4;
        for (int k = 0; k <= intervals; k++) {
            BigDecimal value = top.multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(intervals));
            yTicks.add(new Tick(SpendFormat.amount(value), baseline() - scaled(value)));
        }
    }

    /** The top of the y axis: the largest day rounded up to 1, 2, 2.5 or 5 times a power of ten. */
    static BigDecimal roundUp(BigDecimal max) {
        if (max.signum() <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal power = BigDecimal.ONE.movePointRight(max.precision() - max.scale() - 1);
        for (String step : new String[] {"1", "2", "2.5", "5", "10"}) {
            BigDecimal candidate = power.multiply(new BigDecimal(step));
            if (candidate.compareTo(max) >= 0) {
                return candidate.stripTrailingZeros();
            }
        }
        return power.multiply(BigDecimal.TEN);
    }

    private double scaled(BigDecimal value) {
        return value.doubleValue() / top.doubleValue() * getPlotHeight();
    }

    public int getWidth() {
        return WIDTH;
    }

    public int getHeight() {
        return HEIGHT;
    }

    public String getViewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    public int getLeft() {
        return LEFT;
    }

    public int getRight() {
        return WIDTH - RIGHT;
    }

    public int getTop() {
        return TOP;
    }

    /** The y of the x axis. */
    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int getBaseline() {
        return baseline();
    }

    public int getPlotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    public int getPlotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** Where the x axis' title goes. */
    public int getXTitleX() {
        return LEFT + getPlotWidth() / 2;
    }

    public int getXTitleY() {
        return HEIGHT - 6;
    }

    /** Where the y axis' title goes (rotated). */
    public int getYTitleY() {
        return TOP + getPlotHeight() / 2;
    }

    public List<Bar> getBars() {
        return List.copyOf(bars);
    }

    public List<Tick> getYTicks() {
        return List.copyOf(yTicks);
    }

    public List<Tick> getXTicks() {
        return List.copyOf(xTicks);
    }

    /** The highest value of the y axis. */
    public BigDecimal getTopValue() {
        return top;
    }

    /** One day's bar. */
    public static final class Bar {
        private final LocalDate day;
        private final BigDecimal usd;
        private final double x;
        private final double y;
        private final double width;
        private final double height;
        private final boolean today;

        Bar(LocalDate day, BigDecimal usd, double x, double y, double width, double height, boolean today) {
            this.day = day;
            this.usd = usd;
            this.x = x;
            this.y = y;
            this.width = width;
            this.height = height;
            this.today = today;
        }

        /** The day, ISO ({@code 2026-03-15}). */
        public String getDay() {
            return day.toString();
        }

        /** The amount, exact, for data attributes. */
        public String getUsd() {
            return usd.toPlainString();
        }

        /** The tooltip: the day and the amount. */
        public String getTitle() {
            return DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH).format(day) + ": "
                    + SpendFormat.usd(usd) + (today ? " (today)" : "");
        }

        public String getX() {
            return SpendFormat.coordinate(x);
        }

        public String getY() {
            return SpendFormat.coordinate(y);
        }

        public String getWidth() {
            return SpendFormat.coordinate(width);
        }

        public String getHeight() {
            return SpendFormat.coordinate(height);
        }

        /** The CSS classes of the bar. */
        public String getCssClass() {
            return today ? "happyhorse-spend-bar happyhorse-spend-today" : "happyhorse-spend-bar";
        }
    }

    /** A label on an axis, at {@code position} along it. */
    public static final class Tick {
        private final String label;
        private final double position;

        Tick(String label, double position) {
            this.label = label;
            this.position = position;
        }

        public String getLabel() {
            return label;
        }

        public String getPosition() {
            return SpendFormat.coordinate(position);
        }
    }
}
