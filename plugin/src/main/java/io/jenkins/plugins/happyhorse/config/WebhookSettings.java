package io.jenkins.plugins.happyhorse.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.engine.WebhookReceiver;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Completion by webhook as the global configuration sets it: whether renders ask their host to
 * call back, and the public URL the host calls (the controller's root URL with {@value #PATH} when
 * none is set). Off, renders poll as before and the endpoint answers 404.
 *
 * <p>A URL is checked as the engine checks it ({@link WebhookReceiver#checkUrl}): a public https
 * URL. The engine also lets a loopback address through, over http too, while the host's API is
 * itself on loopback (the simulator); the form says so with a warning rather than an error when a
 * host's base URL set here is on loopback.
 */
public final class WebhookSettings {
    /** The endpoint's path under the controller's root URL. */
    public static final String PATH = "happyhorse-webhook";

    /** The field's name, as the form and Configuration as Code know it. */
    static final String FIELD = "webhookUrl";

    private WebhookSettings() {}

    /**
     * The URL renders ask the hosts to call: {@code configured}, else {@code rootUrl} + {@value
     * #PATH}/; null when neither is known (no root URL set and none given).
     */
    public static @CheckForNull URI effectiveUrl(@CheckForNull String configured, @CheckForNull String rootUrl) {
        String text = Util.fixEmptyAndTrim(configured);
        if (text == null) {
            text = suggestedUrl(rootUrl);
        }
        if (text == null) {
            return null;
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The controller's root URL with the endpoint's path, or null without a root URL. */
    public static @CheckForNull String suggestedUrl(@CheckForNull String rootUrl) {
        String root = Util.fixEmptyAndTrim(rootUrl);
        if (root == null) {
            return null;
        }
        return (root.endsWith("/") ? root : root + "/") + PATH + "/";
    }

    /**
     * The form's check of the URL field ({@code value}; blank means the suggested one).
     *
     * @param hostsOnLoopback whether a host's API base URL set here is on loopback (a simulator)
     */
    public static @NonNull FormValidation check(
            @CheckForNull String value, @CheckForNull String rootUrl, boolean hostsOnLoopback) {
        String text = Util.fixEmptyAndTrim(value);
        String shown = text != null ? text : suggestedUrl(rootUrl);
        if (shown == null) {
            return FormValidation.warning(Messages.WebhookSettings_NoRootUrl(FIELD));
        }
        URI url;
        try {
            url = new URI(shown);
        } catch (URISyntaxException e) {
            return FormValidation.error(Messages.WebhookSettings_Invalid(FIELD, shown, "it is not a URL"));
        }
        List<Violation> problems = WebhookReceiver.checkUrl(url);
        if (problems.isEmpty()) {
            return missesTheSlash(url)
                    ? FormValidation.warning(Messages.WebhookSettings_TrailingSlash(FIELD, shown))
                    : FormValidation.ok();
        }
        if (isLoopback(url) && hostsOnLoopback && isHttpOrHttps(url)) {
            return FormValidation.warning(Messages.WebhookSettings_LoopbackOnly(FIELD, shown));
        }
        Violation v = problems.get(0);
        return FormValidation.error(Messages.WebhookSettings_Invalid(
                FIELD, shown, v.reason() != null ? v.reason() + "; allowed: " + v.allowed() : v.allowed()));
    }

    /** Whether {@code baseUrl} (a host's API base URL as set, blank for the public one) is on loopback. */
    public static boolean isOnLoopback(@CheckForNull String baseUrl) {
        String text = Util.fixEmptyAndTrim(baseUrl);
        if (text == null) {
            return false;
        }
        try {
            return isLoopback(new URI(text));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Whether {@code url} ends with the endpoint's path but not its slash: Jenkins answers that with
     * a redirect to the slash, which a host's POST does not follow.
     */
    static boolean missesTheSlash(URI url) {
        String path = url.getRawPath();
        return path != null && path.endsWith("/" + PATH);
    }

    private static boolean isHttpOrHttps(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    /** Whether {@code url} names this machine by {@code localhost} or a loopback literal (no lookup). */
    static boolean isLoopback(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        return literal(h).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static Optional<InetAddress> literal(String address) {
        try {
            // A literal address is parsed without any lookup.
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
