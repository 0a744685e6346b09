package io.jenkins.plugins.happyhorse.client.reuse;

import java.io.IOException;
import java.io.InputStream;

/** What a {@link RenderStore} has for a digest: a verified clip, a clip it cannot offer, or nothing. */
public sealed interface ReuseLookup permits ReuseLookup.Found, ReuseLookup.Unusable, ReuseLookup.None {

    /**
     * A clip whose length and SHA-256 matched the record when it was looked up.
     *
     * @param render the record
     * @param source where the bytes are
     * @param note why the store's own copy was used instead of the source, or empty
     */
    record Found(StoredRender render, Source source, String note) implements ReuseLookup {}

    /**
     * A render was stored, but its clip cannot be offered: the caller renders afresh and says so.
     *
     * @param render the record
     * @param problem missing or damaged
     * @param detail what was found, for the log
     */
    record Unusable(StoredRender render, Problem problem, String detail) implements ReuseLookup {}

    /** No render of this digest was stored. */
    record None() implements ReuseLookup {}

    /** Why a stored clip cannot be offered. */
    enum Problem {
        /** The clip is gone (an artifact deleted, a file moved). */
        MISSING,
        /** The clip is there but its length or SHA-256 differs from the record. */
        DAMAGED
    }

    /** Where a found clip's bytes are. */
    interface Source {
        /** The bytes, from the start. */
        InputStream open() throws IOException;

        /** Where they are, for the log (the caller's locator, or the store's own copy). */
        String describe();
    }
}
