package io.jenkins.plugins.happyhorse.cli.command;

import picocli.CommandLine.Option;

/** Where a collected clip goes, and how strictly it is checked. */
public final class CollectOptions {
    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to save the clip, a file ending in .mp4 (default: the render's own --out when the"
                    + " state folder knows it, else ID.mp4).")
    String out;

    @Option(names = "--force", description = "Replace the --out file if it exists.")
    boolean force;

    @Option(
            names = "--any-shape",
            description = "Keep the clip if it is a whole MP4, whatever its duration and picture shape (after a"
                    + " verification failure of a paid clip).")
    boolean anyShape;
}
