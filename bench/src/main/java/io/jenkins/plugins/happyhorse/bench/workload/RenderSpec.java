package io.jenkins.plugins.happyhorse.bench.workload;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;

/**
 * What one benchmark render asks for.
 *
 * @param provider the host
 * @param durationSeconds clip length, 3 to 15
 * @param resolution {@code 720p} or {@code 1080p}
 * @param aspectRatio {@code 16:9}, {@code 9:16}, {@code 1:1}, {@code 4:3} or {@code 3:4}
 * @param seed the seed sent with the request
 */
public record RenderSpec(ProviderId provider, int durationSeconds, String resolution, String aspectRatio, long seed) {

    /** Whether this asks for 1080p. */
    public boolean is1080p() {
        return "1080p".equals(resolution);
    }
}
