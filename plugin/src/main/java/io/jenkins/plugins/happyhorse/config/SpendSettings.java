package io.jenkins.plugins.happyhorse.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.reuse.StoreLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * The controller's monthly budgets and how much the render store keeps of its own copies, as set
 * in the global configuration. The budgets are kept as typed and parsed when a render needs them,
 * so a value Configuration as Code set wrongly fails that render, naming the setting, before any
 * call, rather than being ignored.
 *
 * @param monthlyBudget the controller's monthly budget in USD as typed, or null for none
 * @param jobMonthlyBudget each job's monthly budget in USD as typed, or null for none
 * @param copiesMaxMegabytes the most megabytes of copies the render store keeps
 * @param copiesMaxAgeDays the most days a copy is kept unused
 */
public record SpendSettings(
        @CheckForNull String monthlyBudget,
        @CheckForNull String jobMonthlyBudget,
        int copiesMaxMegabytes,
        int copiesMaxAgeDays) {

    /** 10 GiB of copies, as the engine's own default. */
    public static final int DEFAULT_COPIES_MAX_MEGABYTES = 10 * 1024;

    /** A month and a bit: a copy that a nightly job did not reuse for that long is not needed. */
    public static final int DEFAULT_COPIES_MAX_AGE_DAYS = 30;

    static SpendSettings of(
            @CheckForNull String monthlyBudget, @CheckForNull String jobMonthlyBudget, int megabytes, int days) {
        return new SpendSettings(
                Util.fixEmptyAndTrim(monthlyBudget), Util.fixEmptyAndTrim(jobMonthlyBudget), megabytes, days);
    }

    /** No budget, default limits. */
    public static SpendSettings defaults() {
        return of(null, null, DEFAULT_COPIES_MAX_MEGABYTES, DEFAULT_COPIES_MAX_AGE_DAYS);
    }

    /**
     * The controller's monthly budget, or empty for none.
     *
     * @throws IllegalArgumentException naming the setting when it is not an amount of zero or more
     */
    public Optional<BigDecimal> controllerBudget() {
        return budget("monthlyBudget", monthlyBudget);
    }

    /**
     * Each job's monthly budget, or empty for none.
     *
     * @throws IllegalArgumentException naming the setting when it is not an amount of zero or more
     */
    public Optional<BigDecimal> jobBudget() {
        return budget("jobMonthlyBudget", jobMonthlyBudget);
    }

    /** The render store's limits on its own copies. */
    public StoreLimits storeLimits() {
        return new StoreLimits(
                Math.max(0, copiesMaxMegabytes) * 1024L * 1024L,
                Duration.ofDays(copiesMaxAgeDays > 0 ? copiesMaxAgeDays : DEFAULT_COPIES_MAX_AGE_DAYS));
    }

    private static Optional<BigDecimal> budget(String setting, @CheckForNull String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(PriceSettings.parse(text)
                .filter(usd -> usd.signum() >= 0)
                .orElseThrow(() ->
                        new IllegalArgumentException(Messages.HappyHorseConfiguration_InvalidSetting(setting, text))));
    }

    /** The form's check of a budget: blank, or an amount of zero or more. */
    static FormValidation checkBudget(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        return PriceSettings.parse(text)
                .filter(usd -> usd.signum() >= 0)
                .map(usd -> FormValidation.ok())
                .orElseGet(() -> FormValidation.error(Messages.SpendSettings_InvalidBudget(text)));
    }

    /** The form's check of the copies' size: blank (the default), or a whole number of zero or more. */
    static FormValidation checkMegabytes(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            if (Integer.parseInt(text) >= 0) {
                return FormValidation.ok();
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        return FormValidation.error(Messages.SpendSettings_InvalidMegabytes(text));
    }
}
