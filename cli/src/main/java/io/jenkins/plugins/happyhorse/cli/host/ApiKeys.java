package io.jenkins.plugins.happyhorse.cli.host;

import io.jenkins.plugins.happyhorse.cli.runtime.CliContext;
import io.jenkins.plugins.happyhorse.cli.runtime.CommandFailure;
import io.jenkins.plugins.happyhorse.cli.runtime.ExitCode;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;
import java.util.List;

/**
 * Where the command finds each host's key: an environment variable ({@link Hosts#keyVariable}),
 * never a command-line option or a file (options end up in shell history and process listings,
 * files in backups). A missing key is reported with advice that works for the command at hand.
 */
public final class ApiKeys {
    /** The key the standalone simulator accepts unless told another. */
    static final String SIMULATOR_DEFAULT_KEY = "hh-sim-test-key";

    private ApiKeys() {}

    /** The variable holding {@code provider}'s key, e.g. {@code WAVESPEED_API_KEY}. */
    public static String variable(ProviderId provider) {
        return Hosts.keyVariable(provider);
    }

    /**
     * {@code provider}'s key for a render.
     *
     * @throws CommandFailure naming the variable when it is unset or blank
     */
    public static ApiKey forRender(CliContext context, ProviderId provider, URI baseUrl) {
        return require(context, provider, baseUrl, ", or try --provider simulator, which needs none.");
    }

    /**
     * {@code provider}'s key for asking about a job that was submitted there, or collecting its clip.
     *
     * @param command the command, e.g. {@code status}, for the message
     * @param hostFromRecord whether the host came from the render history (then naming another
     *     host with {@code --provider} is no advice)
     * @throws CommandFailure naming the variable, and what to do for a job on another host
     */
    public static ApiKey forJob(
            CliContext context, ProviderId provider, URI baseUrl, String command, boolean hostFromRecord) {
        String advice =
                ". " + command + " asks " + provider.displayName() + ", where the job was submitted, with that key.";
        if (!hostFromRecord) {
            List<String> others = Hosts.all().stream()
                    .filter(p -> p != provider)
                    .map(p -> "--provider " + p.id() + " with " + Hosts.keyVariable(p))
                    .toList();
            if (!others.isEmpty()) {
                advice += " For a job on another host, add " + Hosts.or(others) + ".";
            }
        }
        return require(context, provider, baseUrl, advice);
    }

    private static ApiKey require(CliContext context, ProviderId provider, URI baseUrl, String advice) {
        String name = variable(provider);
        String value = context.env(name);
        if (value == null || value.isBlank()) {
            String simulator = baseUrl != null && isLoopback(baseUrl)
                    ? " For a simulator started with 'happyhorse simulate', set it to the key the simulator printed ("
                            + SIMULATOR_DEFAULT_KEY + " unless it was started with --key)."
                    : "";
            throw new CommandFailure(
                    ExitCode.AUTHENTICATION,
                    name + " is not set: export your " + provider.displayName() + " API key in it (keys are never"
                            + " taken from the command line or a file)" + advice + simulator);
        }
        return ApiKey.of(value);
    }

    private static boolean isLoopback(URI url) {
        String host = url.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }
}
