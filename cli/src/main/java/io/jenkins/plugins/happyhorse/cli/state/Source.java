package io.jenkins.plugins.happyhorse.cli.state;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a record's clip came about. A render whose clip was reused from the local render store is a
 * {@link #RENDER} with {@code reused} set. New ways (a clip delivered through a webhook) are new
 * values; the record's shape stays.
 */
public enum Source {
    /** {@code happyhorse render} submitted it. */
    RENDER("render"),
    /** {@code happyhorse download} or {@code status --download} collected a job by its id. */
    DOWNLOAD("download");

    private final String wire;

    Source(String wire) {
        this.wire = wire;
    }

    /** The word in the record, e.g. {@code render}. */
    public String wire() {
        return wire;
    }

    /** The source a word names. */
    public static Optional<Source> parse(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
