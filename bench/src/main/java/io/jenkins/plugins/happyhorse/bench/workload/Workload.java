package io.jenkins.plugins.happyhorse.bench.workload;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Seeded lists of renders. The mixed workload draws the clip length uniformly from 3 to 15 s,
 * 1080p for 30 % of the renders and the aspect ratio uniformly, so the simulator's processing
 * time (which grows with length and resolution, ±25 %) spreads from 60 to 300 simulated seconds.
 */
public final class Workload {
    private static final String[] ASPECTS = {"16:9", "9:16", "1:1", "4:3", "3:4"};
    private static final double SHARE_1080P = 0.3;

    private Workload() {}

    /** {@code count} mixed renders, all on {@code providers} in turn. */
    public static List<RenderSpec> mixed(int count, long seed, List<ProviderId> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one provider is needed");
        }
        Random random = new Random(seed);
        List<RenderSpec> specs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int duration = 3 + random.nextInt(13);
            String resolution = random.nextDouble() < SHARE_1080P ? "1080p" : "720p";
            String aspect = ASPECTS[random.nextInt(ASPECTS.length)];
            specs.add(new RenderSpec(providers.get(i % providers.size()), duration, resolution, aspect, i));
        }
        return specs;
    }

    /**
     * Start offsets (simulated seconds from the first start) for {@code count} renders spread
     * uniformly over {@code windowSeconds}, ascending; all zero when the window is zero.
     */
    public static double[] startOffsets(int count, double windowSeconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] offsets = new double[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = windowSeconds <= 0 ? 0 : random.nextDouble() * windowSeconds;
        }
        Arrays.sort(offsets);
        return offsets;
    }
}
