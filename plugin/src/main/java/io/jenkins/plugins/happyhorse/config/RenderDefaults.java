package io.jenkins.plugins.happyhorse.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.util.Map;

/**
 * What the global configuration gives a render that does not say otherwise. A value, so that the
 * code preparing a render is handed its settings rather than reaching for the configuration.
 *
 * @param provider the host's id, or null for the engine's default (WaveSpeed)
 * @param credentialsId the Secret Text credential of hosts without one of their own, or null when
 *     none is set
 * @param timeoutMinutes how long a render may take
 * @param hostCredentialsIds the Secret Text credential set for each host itself; a host not in it
 *     has none of its own
 */
public record RenderDefaults(
        @CheckForNull String provider,
        @CheckForNull String credentialsId,
        int timeoutMinutes,
        Map<ProviderId, String> hostCredentialsIds) {

    public RenderDefaults {
        hostCredentialsIds = Map.copyOf(hostCredentialsIds);
    }

    /** Defaults without a credential of any host's own. */
    public RenderDefaults(@CheckForNull String provider, @CheckForNull String credentialsId, int timeoutMinutes) {
        this(provider, credentialsId, timeoutMinutes, Map.of());
    }

    /**
     * The credential a render on {@code host} that names none uses: the host's own, else {@link
     * #credentialsId()}; null when neither is set.
     */
    public @CheckForNull String credentialsIdFor(ProviderId host) {
        String own = hostCredentialsIds.get(host);
        return own != null ? own : credentialsId;
    }
}
