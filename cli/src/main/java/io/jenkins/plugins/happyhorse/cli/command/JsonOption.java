package io.jenkins.plugins.happyhorse.cli.command;

import picocli.CommandLine.Option;

/** {@code --json}: one JSON object on stdout instead of text, for scripts (see docs/cli.md). */
public final class JsonOption {
    @Option(
            names = "--json",
            description = "Print one JSON object on stdout (schema version 1, see docs/cli.md) instead of text.")
    boolean json;
}
