package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.client.connection.ModelStudioRegion;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the options about the connection ({@code --base-url}, {@code --region}, {@code --timeout})
 * as typed. Only Model Studio has regions to choose: its keys, models and endpoints belong to one
 * region, so the region is where the key was made, given by name or by base URL (a workspace
 * domain).
 */
final class HostOptions {
    static final String BASE_URL_ALLOWED =
            "an https URL such as the host's documented one, or http://127.0.0.1:PORT for a local simulator";

    private HostOptions() {}

    /**
     * The base URL: {@code --region} (Model Studio only) or {@code --base-url} as typed, else the
     * config file's {@code base-url.HOST}, else its {@code region} for Model Studio; null when none
     * is set (the host's documented one) or a value is invalid (then a problem is added).
     */
    static URI baseUrl(
            String typedUrl, String typedRegion, ProviderId host, CliConfig config, List<Violation> problems) {
        if (typedRegion != null) {
            if (host != ProviderId.MODELSTUDIO) {
                problems.add(new Violation(
                        "--region",
                        typedRegion,
                        "only with --provider " + ProviderId.MODELSTUDIO.id(),
                        host.displayName() + " has no regions to choose; --base-url sets its address"));
                return baseUrl(typedUrl, host, config, problems);
            }
            if (typedUrl != null) {
                problems.add(new Violation(
                        "--region",
                        typedRegion,
                        "--region or --base-url, not both",
                        "--base-url " + typedUrl + " is given too"));
                return null;
            }
            return region(typedRegion, "--region", problems);
        }
        Optional<String> configuredRegion = config.get(CliConfig.REGION);
        if (typedUrl == null
                && host == ProviderId.MODELSTUDIO
                && config.baseUrl(host).isEmpty()
                && configuredRegion.isPresent()) {
            return region(configuredRegion.get(), config.field(CliConfig.REGION), problems);
        }
        return baseUrl(typedUrl, host, config, problems);
    }

    /** Model Studio's base URL for a region named or given by URL, or null (with a problem). */
    private static URI region(String typed, String field, List<Violation> problems) {
        Optional<ModelStudioRegion> region = ModelStudioRegion.parse(typed);
        if (region.isEmpty()) {
            problems.add(new Violation(field, typed, ModelStudioRegion.ALLOWED));
            return null;
        }
        try {
            return RenderEngine.checkBaseUrl(
                    ProviderId.MODELSTUDIO, region.get().baseUrl());
        } catch (IllegalArgumentException e) {
            problems.add(new Violation(field, typed, ModelStudioRegion.ALLOWED, reason(e.getMessage())));
            return null;
        }
    }

    /**
     * The base URL: {@code typed}, else the config file's for {@code host}; null when neither is
     * set (the host's documented one) or it is invalid (then a problem is added).
     */
    private static URI baseUrl(String typed, ProviderId host, CliConfig config, List<Violation> problems) {
        String field = "--base-url";
        String value = typed;
        if (value == null) {
            Optional<String> configured = config.baseUrl(host);
            if (configured.isEmpty()) {
                return null;
            }
            value = configured.get();
            field = config.field(CliConfig.BASE_URL + host.id());
        }
        try {
            return RenderEngine.checkBaseUrl(host, new URI(value.strip()));
        } catch (URISyntaxException e) {
            problems.add(new Violation(field, value, BASE_URL_ALLOWED, "not a valid URL"));
        } catch (IllegalArgumentException e) {
            problems.add(new Violation(field, value, BASE_URL_ALLOWED, reason(e.getMessage())));
        }
        return null;
    }

    /** The timeout, or {@code fallback} when it is invalid (then a problem is added). */
    static Duration timeout(String typed, Duration fallback, List<Violation> problems) {
        if (typed == null) {
            return fallback;
        }
        return Durations.parse(typed).orElseGet(() -> {
            problems.add(new Violation("--timeout", typed, Durations.ALLOWED));
            return fallback;
        });
    }

    /** The engine's sentence about a base URL, without the URL it repeats. */
    private static String reason(String message) {
        int was = message == null ? -1 : message.lastIndexOf(", was ");
        return was < 0 ? message : message.substring(0, was);
    }
}
