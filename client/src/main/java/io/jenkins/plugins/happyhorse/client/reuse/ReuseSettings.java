package io.jenkins.plugins.happyhorse.client.reuse;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one render uses a {@link RenderStore}: the policy, who it is (recorded as the producer of
 * the clip it pays for), where its delivered clip will be found later (its locator), and whether
 * the store must keep a copy of its own because that place may be emptied (an artifact that a
 * build discarder deletes).
 *
 * @param store the store
 * @param policy when to reuse
 * @param producer this render's label, e.g. {@code nightly-clips #42}; shown by whoever reuses it
 * @param locator the locator of the delivered clip given the output path; by default the output's
 *     {@code file:} URI
 * @param keepCopy whether the store keeps its own copy of a clip this render pays for
 */
public record ReuseSettings(
        RenderStore store, ReusePolicy policy, String producer, Function<Path, String> locator, boolean keepCopy) {
    public ReuseSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(policy, "policy");
        producer = producer == null ? "" : producer;
        locator = locator == null ? ClipResolver::locatorOf : locator;
    }

    /** {@code store} with {@code policy}; clips found at their output path, no copy kept. */
    public static ReuseSettings of(RenderStore store, ReusePolicy policy) {
        return new ReuseSettings(store, policy, "", null, false);
    }

    /** The same, with this producer label. */
    public ReuseSettings producer(String label) {
        return new ReuseSettings(store, policy, label, locator, keepCopy);
    }

    /** The same, with clips found later at {@code where.apply(output)}. */
    public ReuseSettings locator(Function<Path, String> where) {
        return new ReuseSettings(store, policy, producer, where, keepCopy);
    }

    /** The same, with the store keeping (or not) its own copy of what this render pays for. */
    public ReuseSettings keepCopy(boolean keep) {
        return new ReuseSettings(store, policy, producer, locator, keep);
    }
}
