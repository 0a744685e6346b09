package io.jenkins.plugins.happyhorse.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the spend pages write amounts, times and chart coordinates. */
final class SpendFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private SpendFormat() {}

    /** {@code 4.2} as {@code 4.20 USD}: cents, more digits only when a price has them. */
    static String usd(BigDecimal value) {
        return amount(value) + " USD";
    }

    /** {@code 4.2} as {@code 4.20}: cents, more digits only when a price has them. */
    static String amount(BigDecimal value) {
        BigDecimal v = value.scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY) : value.stripTrailingZeros();
        if (v.scale() < 2) {
            v = v.setScale(2, RoundingMode.UNNECESSARY);
        }
        return v.toPlainString();
    }

    /** A time on the controller's clock, to the minute. */
    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    /** A chart coordinate with one decimal, locale-free. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
