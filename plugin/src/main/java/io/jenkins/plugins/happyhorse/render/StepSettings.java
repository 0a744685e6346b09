package io.jenkins.plugins.happyhorse.render;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.happyhorse.client.reuse.ReusePolicy;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import io.jenkins.plugins.happyhorse.config.RenderDefaults;
import io.jenkins.plugins.happyhorse.credentials.HostCredentials;
import io.jenkins.plugins.happyhorse.form.RenderForm;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The step's settings after the global defaults, and what is wrong with those only the step has
 * (the engine never sees them, or sees them only once narrowed to its types): the credentials, the
 * timeout, numbers that are not whole or do not fit, the cost limit, the prediction id to collect.
 * The messages read like the engine's: field, value, what is allowed.
 *
 * @param provider the host's id, or null for the engine's default
 * @param credentialsId the credential holding the key ({@link HostCredentials#choose}), or null when
 *     none is known
 * @param timeoutMinutes how long the render may take; 0 when refused
 * @param duration the duration as the engine takes it, or null for its default (or when refused)
 * @param seed the seed as the engine takes it, or null for a random one (or when refused)
 * @param problems every problem found
 */
record StepSettings(
        @CheckForNull String provider,
        @CheckForNull String credentialsId,
        int timeoutMinutes,
        @CheckForNull Integer duration,
        @CheckForNull Long seed,
        List<Violation> problems) {

    // As the engine words them, for the checks it cannot make.
    private static final String DURATION_ALLOWED = "an integer from 3 to 15 (seconds)";
    private static final String SEED_ALLOWED = "an integer from 0 to 2147483647, or none for random";
    static final String REUSE_ALLOWED = "auto (reuse when a seed is given), always or never";
    private static final String TIMEOUT_ALLOWED = "a whole number of minutes, at least 1";

    StepSettings {
        problems = List.copyOf(problems);
    }

    /** {@code parameters} after {@code defaults}, with every problem of the step's own settings. */
    static StepSettings resolve(RenderParameters parameters, RenderDefaults defaults) {
        List<Violation> problems = new ArrayList<>();
        String provider = parameters.provider() != null ? parameters.provider() : defaults.provider();
        String credentialsId = HostCredentials.choose(
                parameters.credentialsId(), provider, defaults::credentialsIdFor, defaults.credentialsId(), problems);
        Integer asked = whole("timeout", parameters.timeout(), 1, TIMEOUT_ALLOWED, problems);
        int timeout = parameters.timeout() == null ? defaults.timeoutMinutes() : asked == null ? 0 : asked;
        // The duration's range is left to the engine's check; only what it could not see is refused here.
        Integer duration = whole("duration", parameters.duration(), Integer.MIN_VALUE, DURATION_ALLOWED, problems);
        Integer seed = whole("seed", parameters.seed(), 0, SEED_ALLOWED, problems);
        Double maxCost = parameters.maxCost();
        if (maxCost != null && (maxCost < 0 || maxCost.isNaN() || maxCost.isInfinite())) {
            problems.add(new Violation("maxCost", String.valueOf(maxCost), "an amount in USD, zero or more"));
        }
        String reuse = parameters.reuse();
        if (reuse != null && ReusePolicy.parse(reuse).isEmpty()) {
            problems.add(new Violation("reuse", reuse, REUSE_ALLOWED));
        }
        String id = parameters.predictionId();
        if (id != null && !RenderForm.PREDICTION_ID.matcher(id).matches()) {
            problems.add(new Violation("predictionId", id, RenderForm.PREDICTION_ID_ALLOWED));
        }
        if (id != null && parameters.dryRun()) {
            problems.add(new Violation(
                    "dryRun",
                    "true",
                    "false when collecting a clip by its predictionId",
                    "collecting estimates nothing and submits nothing"));
        }
        return new StepSettings(
                provider, credentialsId, timeout, duration, seed == null ? null : seed.longValue(), problems);
    }

    /** The cost limit as the engine takes it, or null for none. */
    static @CheckForNull BigDecimal maxCost(RenderParameters parameters) {
        Double max = parameters.maxCost();
        return max == null ? null : BigDecimal.valueOf(max);
    }

    private static boolean isWhole(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value) && Double.compare(value, Math.rint(value)) == 0;
    }

    /**
     * {@code value} as an int when it is a whole number from {@code min} to {@link
     * Integer#MAX_VALUE}; else null, with a problem of {@code field} (showing the value as written,
     * not narrowed) unless no value was given.
     */
    private static @CheckForNull Integer whole(
            String field, @CheckForNull Double value, int min, String allowed, List<Violation> problems) {
        if (value == null) {
            return null;
        }
        if (isWhole(value) && value >= min && value <= Integer.MAX_VALUE) {
            return (int) value.doubleValue();
        }
        problems.add(new Violation(
                field, RenderParameters.shown(value), allowed, isWhole(value) ? null : "not a whole number"));
        return null;
    }
}
