package io.jenkins.plugins.happyhorse.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which credential holds a render's API key, in this order: the step's {@code credentialsId}; else
 * the default the global configuration sets for the render's host ({@code waveSpeedCredentialsId},
 * {@code atlasCloudCredentialsId}, {@code modelStudioCredentialsId}); else its {@code
 * defaultCredentialsId}, the fallback for hosts without their own (and the only default
 * configurations saved before hosts had their own keep). Each host sells its own keys, so a key of
 * one is refused by another.
 */
public final class HostCredentials {

    /** What a credential must be, for a violation. */
    static final String ALLOWED = "the id of a Secret text credential holding the host's API key";

    private HostCredentials() {}

    /**
     * The credential of a render, or null with a problem added naming the host and the settings
     * that would give it one, before any request.
     *
     * @param given the step's {@code credentialsId}, or null
     * @param provider the render's host as given (after the global default), or null for the engine's
     *     default host; a host the engine does not know is left to its own check, and gets the
     *     fallback
     * @param hostDefault the global configuration's credential for a host: its own, else the fallback
     * @param fallback the global configuration's {@code defaultCredentialsId}
     * @param problems where a missing credential is reported
     */
    public static @CheckForNull String choose(
            @CheckForNull String given,
            @CheckForNull String provider,
            Function<ProviderId, String> hostDefault,
            @CheckForNull String fallback,
            List<Violation> problems) {
        if (given != null) {
            return given;
        }
        Optional<ProviderId> host = provider == null ? Optional.of(ProviderId.WAVESPEED) : ProviderId.parse(provider);
        String chosen = host.map(hostDefault).orElse(fallback);
        if (chosen == null) {
            problems.add(new Violation("credentialsId", null, ALLOWED, missing(host.orElse(null))));
        }
        return chosen;
    }

    /** The global configuration's property holding {@code host}'s own default credential. */
    public static String field(ProviderId host) {
        return switch (host) {
            case WAVESPEED -> "waveSpeedCredentialsId";
            case ATLASCLOUD -> "atlasCloudCredentialsId";
            case MODELSTUDIO -> "modelStudioCredentialsId";
        };
    }

    private static String missing(@CheckForNull ProviderId host) {
        String where = "no credentials given and no default set in Manage Jenkins » System";
        if (host == null) {
            return where + ": set credentialsId on the step, or defaultCredentialsId";
        }
        return where + " for " + host.displayName() + ": set credentialsId on the step, or " + field(host)
                + " or defaultCredentialsId";
    }
}
