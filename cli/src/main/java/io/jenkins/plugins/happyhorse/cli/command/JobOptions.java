package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.host.Hosts;
import picocli.CommandLine.Option;

/** The host of a job named by its id ({@code --provider}, {@code --base-url}) when the state folder does not know it. */
public final class JobOptions {
    @Option(
            names = "--provider",
            paramLabel = "HOST",
            completionCandidates = Hosts.HostCandidates.class,
            description = "${COMPLETION-CANDIDATES}: where the job was submitted, when the state folder does not know"
                    + " the id (default: the config file's, else wavespeed).")
    String provider;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "The host's API base URL, when the state folder does not know the id and it is not the"
                    + " documented one (e.g. a simulator started with 'happyhorse simulate').")
    String baseUrl;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            completionCandidates = Regions.class,
            description = "With --provider modelstudio: singapore, beijing, or a workspace's base URL, where the job"
                    + " was submitted (default singapore).")
    String region;
}
