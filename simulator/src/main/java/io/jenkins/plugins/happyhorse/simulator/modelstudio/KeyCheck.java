package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import io.jenkins.plugins.happyhorse.simulator.http.Call;
import io.jenkins.plugins.happyhorse.simulator.job.Backend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The API key check of every Model Studio route, in the host's words: anything but the accepted
 * key is 401 {@code InvalidApiKey}, a key of the same account in another region included, since
 * keys belong to one region [doc]; that one is counted apart.
 */
final class KeyCheck {
    private final Backend backend;
    private final byte[] apiKey;
    private final byte[] otherRegionKey;

    /** @param otherRegionKey a key of the same account in another region, or null */
    KeyCheck(Backend backend, String apiKey, String otherRegionKey) {
        this.backend = backend;
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.otherRegionKey = otherRegionKey == null ? null : otherRegionKey.getBytes(StandardCharsets.UTF_8);
    }

    /** Passes when {@code call} carries the accepted key as a bearer token. */
    void authenticate(Call call) throws ModelStudioError {
        String value = call.header("Authorization");
        byte[] presented = value != null && value.regionMatches(true, 0, "Bearer ", 0, 7)
                ? value.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : null;
        if (presented != null && MessageDigest.isEqual(presented, apiKey)) {
            return;
        }
        backend.stats().authenticationFailure();
        if (presented != null && otherRegionKey != null && MessageDigest.isEqual(presented, otherRegionKey)) {
            // A key of another region reads as invalid here: keys, models and endpoints are per region [doc].
            backend.stats().otherRegionKey();
        }
        throw new ModelStudioError(401, ModelStudioStyle.INVALID_API_KEY, ModelStudioStyle.INVALID_API_KEY_MESSAGE);
    }
}
