package io.jenkins.plugins.happyhorse.cli.host;

import io.jenkins.plugins.happyhorse.cli.CliContext;
import io.jenkins.plugins.happyhorse.cli.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.ExitCode;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;

/**
 * Where the command finds each host's key: an environment variable, never a command-line option
 * (options end up in shell history and process listings).
 */
public final class ApiKeys {
    private ApiKeys() {}

    /** The variable holding {@code provider}'s key, e.g. {@code WAVESPEED_API_KEY}. */
    public static String variable(ProviderId provider) {
        return provider == ProviderId.ATLASCLOUD ? "ATLASCLOUD_API_KEY" : "WAVESPEED_API_KEY";
    }

    /**
     * {@code provider}'s key from the context's environment.
     *
     * @throws CommandFailure naming the variable when it is unset or blank
     */
    public static ApiKey require(CliContext context, ProviderId provider) {
        String name = variable(provider);
        String value = context.env(name);
        if (value == null || value.isBlank()) {
            throw new CommandFailure(
                    ExitCode.AUTHENTICATION,
                    name + " is not set: export your " + provider.displayName() + " API key in it (keys are never"
                            + " taken from the command line), or try --provider simulator, which needs none.");
        }
        return ApiKey.of(value);
    }
}
