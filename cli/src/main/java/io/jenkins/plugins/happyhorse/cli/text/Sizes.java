package io.jenkins.plugins.happyhorse.cli.text;

import java.util.Locale;

/** Byte counts for people: {@code 812 B}, {@code 52.3 KB}, {@code 1.4 MB} (powers of 1024). */
public final class Sizes {
    private Sizes() {}

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1024.0 / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f GB", n / 1024.0 / 1024.0 / 1024.0);
    }
}
