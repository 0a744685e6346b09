package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.text.Durations;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads the options about the connection ({@code --base-url}, {@code --timeout}) as typed. */
final class HostOptions {
    static final String BASE_URL_ALLOWED =
            "an https URL such as the host's documented one, or http://127.0.0.1:PORT for a local simulator";

    private HostOptions() {}

    /**
     * The base URL: {@code typed}, else the config file's for {@code host}; null when neither is
     * set (the host's documented one) or it is invalid (then a problem is added).
     */
    static URI baseUrl(String typed, ProviderId host, CliConfig config, List<Violation> problems) {
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
