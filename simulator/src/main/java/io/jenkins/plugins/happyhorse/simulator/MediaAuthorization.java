package io.jenkins.plugins.happyhorse.simulator;

/**
 * An {@code Authorization} header that reached the media origin, where no client should ever
 * send one. The header's value is not kept: only its scheme and whether it carried the
 * simulator's API key, so a failing assertion cannot print a secret.
 *
 * @param method the request method
 * @param path the request path on the media origin
 * @param scheme the header's first word (for example {@code Bearer}), or empty
 * @param carriesApiKey whether the header contained the simulator's API key
 */
public record MediaAuthorization(String method, String path, String scheme, boolean carriesApiKey) {}
