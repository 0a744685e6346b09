package io.jenkins.plugins.happyhorse.client.provider;

/**
 * A host's keys for checking its callbacks' signatures, as fetched from it: opaque to everyone but
 * the host's {@link HostWebhooks}. Their {@code toString()} never shows key material.
 */
public interface SigningKeys {}
