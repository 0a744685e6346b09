package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * {@code --webhook-url} of {@code render} and {@code resume}: the public https URL the host calls
 * when the job ends, which reaches {@code happyhorse listen} on this machine. Here it is only parsed;
 * the engine judges it (public https, at most 1024 characters) before any call.
 */
final class WebhookUrlOption {
    static final String NAME = "--webhook-url";
    static final String DESCRIPTION = "Ask the host to call this public https URL when the job ends, and listen"
            + " for that call ('happyhorse listen' must receive it); the host is still polled, slowly, in case"
            + " the call never comes.";
    static final String ALLOWED =
            "a public https URL that reaches 'happyhorse listen', e.g." + " https://ci.example.com/happyhorse-webhook";

    private WebhookUrlOption() {}

    /** The URL typed, or null when none was (or it is not a URL: then a problem is added). */
    static URI parse(String typed, boolean simulated, List<Violation> problems) {
        if (typed == null) {
            return null;
        }
        if (simulated) {
            problems.add(new Violation(
                    NAME,
                    typed,
                    "only with a host, not with --provider simulator",
                    "the built-in simulator stops with the command and calls nobody back"));
            return null;
        }
        try {
            URI url = new URI(typed.strip());
            if (url.isAbsolute()) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(new Violation(NAME, typed, ALLOWED, "it is not an absolute URL"));
        return null;
    }
}
