package io.jenkins.plugins.happyhorse.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * What the global configuration gives a render that does not say otherwise. A value, so that the
 * code preparing a render is handed its settings rather than reaching for the configuration.
 *
 * @param provider the host's id, or null for the engine's default (WaveSpeed)
 * @param credentialsId the Secret Text credential holding the key, or null when none is set
 * @param timeoutMinutes how long a render may take
 */
public record RenderDefaults(@CheckForNull String provider, @CheckForNull String credentialsId, int timeoutMinutes) {}
