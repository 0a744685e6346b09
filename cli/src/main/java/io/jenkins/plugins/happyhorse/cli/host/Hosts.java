package io.jenkins.plugins.happyhorse.cli.host;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the command line knows about each host, in one table: the hosts are the engine's ({@link
 * ProviderId#values()}); this adds the environment variable of each one's key and where the
 * simulator plays it. A host the engine gains needs a row here only if its key variable is not
 * {@code ID_API_KEY}, and one in {@link #SIMULATED} once the simulator plays it.
 */
public final class Hosts {
    /** The {@code --provider} value that starts the built-in simulator. */
    public static final String SIMULATOR = "simulator";

    /** Key variables that are not {@code ID_API_KEY}, by host id. */
    private static final Map<String, String> KEY_VARIABLES = Map.of("modelstudio", "DASHSCOPE_API_KEY");

    /** Where the simulator serves each host's API, by host id. */
    private static final Map<String, Function<Simulator, URI>> SIMULATED = Map.of(
            "wavespeed", Simulator::waveSpeedBaseUrl,
            "atlascloud", Simulator::atlasCloudBaseUrl,
            "modelstudio", Simulator::modelStudioBaseUrl);

    private Hosts() {}

    /** Every host, in the engine's order. */
    public static List<ProviderId> all() {
        return Arrays.asList(ProviderId.values());
    }

    /** The hosts the simulator plays. */
    public static List<ProviderId> simulated() {
        return all().stream().filter(p -> SIMULATED.containsKey(p.id())).toList();
    }

    /** The variable holding {@code host}'s key, e.g. {@code WAVESPEED_API_KEY}. */
    public static String keyVariable(ProviderId host) {
        return KEY_VARIABLES.getOrDefault(host.id(), host.id().toUpperCase(Locale.ROOT) + "_API_KEY");
    }

    /** Every key variable, e.g. for a message that lists them. */
    public static List<String> keyVariables() {
        return all().stream().map(Hosts::keyVariable).toList();
    }

    /** Where {@code simulator} serves {@code host}'s API, or empty when it does not play it. */
    public static Optional<URI> simulatorBaseUrl(Simulator simulator, ProviderId host) {
        return Optional.ofNullable(SIMULATED.get(host.id())).map(url -> url.apply(simulator));
    }

    /** The ids for a message, e.g. {@code wavespeed or atlascloud}. */
    public static String ids(List<ProviderId> hosts) {
        return or(hosts.stream().map(ProviderId::id).toList());
    }

    /** What {@code --provider} accepts, e.g. {@code wavespeed, atlascloud or simulator}. */
    public static String providerValues() {
        List<String> ids = new ArrayList<>(all().stream().map(ProviderId::id).toList());
        ids.add(SIMULATOR);
        return or(ids);
    }

    /** Whether {@code typed} asks for the built-in simulator. */
    public static boolean isSimulator(String typed) {
        return typed != null && typed.strip().equalsIgnoreCase(SIMULATOR);
    }

    /** {@code a, b or c}. */
    static String or(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** The candidates for shell completion of {@code --provider}. */
    public static final class ProviderCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> ids =
                    new ArrayList<>(all().stream().map(ProviderId::id).toList());
            ids.add(SIMULATOR);
            return ids.iterator();
        }
    }

    /** The candidates for shell completion of a host that is not the simulator. */
    public static final class HostCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return all().stream().map(ProviderId::id).iterator();
        }
    }
}
