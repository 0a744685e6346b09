package io.jenkins.plugins.happyhorse.client.reuse;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Paid renders by {@code ClipSpec.digest()}, so that a render of the same inputs reuses the clip
 * instead of paying again. {@link #lookup} verifies a clip (length and SHA-256) before offering
 * it and says when it is missing or damaged; {@link #record} keeps a delivered render, with a copy
 * of the clip of the store's own when the caller says the source may be deleted. {@link
 * #flights()} lets two renders of one digest at once share one payment. Thread-safe.
 */
public interface RenderStore {

    /** The verified clip stored for {@code digest}, why it cannot be offered, or nothing. */
    ReuseLookup lookup(String digest);

    /**
     * Keeps {@code render} (replacing one of the same digest).
     *
     * @param clip the delivered clip, copied into the store when {@code keepCopy}
     * @param keepCopy whether the store keeps a copy of its own, because the source at the
     *     render's locator may be deleted
     */
    void record(StoredRender render, Path clip, boolean keepCopy);

    /** The record for {@code digest}, unverified. */
    Optional<StoredRender> find(String digest);

    /** Every record, oldest first. */
    List<StoredRender> list();

    /** Forgets {@code digest} (and deletes the store's own copy); whether there was one. */
    boolean forget(String digest);

    /** Renders of a digest in progress, shared by every caller of this store. */
    ReuseFlights flights();
}
