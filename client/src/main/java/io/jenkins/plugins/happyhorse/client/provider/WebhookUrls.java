package io.jenkins.plugins.happyhorse.client.provider;

import io.jenkins.plugins.happyhorse.client.http.Origin;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a host may be asked to call back: public https URLs of at most {@value #MAX_LENGTH}
 * characters (Atlas Cloud refuses anything else with HTTP 400; WaveSpeed documents "a public
 * https URL"). A hosted service cannot reach a private or loopback address, so such a URL would
 * only lose every callback; it is refused before any call. The one exception: when the host's API
 * is itself on loopback (the local simulator), a loopback receiver is reachable, over https or
 * plain http. Names are judged as written, without a DNS lookup.
 */
public final class WebhookUrls {
    /** The longest callback URL (Atlas Cloud's documented limit, applied to every host). */
    public static final int MAX_LENGTH = 1024;

    /** The option's name in violations. */
    public static final String FIELD = "webhook";

    static final String ALLOWED = "a public https URL of at most " + MAX_LENGTH + " characters (a loopback"
            + " address, or plain http to one, only while the host is the local simulator)";

    private WebhookUrls() {}

    /**
     * The violations of {@code url} as a callback target.
     *
     * @param apiIsLocal whether the host's API base URL is on loopback
     */
    public static List<Violation> check(URI url, boolean apiIsLocal) {
        return problem(url, apiIsLocal).map(List::of).orElse(List.of());
    }

    private static Optional<Violation> problem(URI url, boolean apiIsLocal) {
        if (url == null) {
            return Optional.of(violation(null, "there is none"));
        }
        String shown = Origin.describe(url);
        if (url.toString().length() > MAX_LENGTH) {
            return Optional.of(
                    violation(shown, "it has " + url.toString().length() + " characters, more than " + MAX_LENGTH));
        }
        if (!url.isAbsolute() || url.getHost() == null || url.getHost().isEmpty()) {
            return Optional.of(violation(shown, "it is not an absolute URL with a host"));
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of(violation(shown, "it carries a user name or password"));
        }
        if (url.getRawFragment() != null) {
            return Optional.of(violation(shown, "it has a fragment (#…), which is never sent"));
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = Origin.isLoopbackHost(url.getHost());
        if (loopback && apiIsLocal) {
            return scheme.equals("https") || scheme.equals("http")
                    ? Optional.empty()
                    : Optional.of(violation(shown, "it is neither https nor http"));
        }
        if (!scheme.equals("https")) {
            return Optional.of(violation(shown, "it is not https"));
        }
        if (loopback) {
            return Optional.of(violation(shown, "a hosted service cannot reach this machine's loopback address"));
        }
        return notPublic(url.getHost()).map(why -> violation(shown, why));
    }

    /** Why {@code host} is not a public name or address, or empty when it may be one. */
    static Optional<String> notPublic(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.matches("[0-9.]+") || h.contains(":")) {
            return literal(h);
        }
        if (!h.contains(".")) {
            return Optional.of("'" + h + "' is a single-label name, which only an internal network resolves");
        }
        for (String internal : new String[] {".local", ".internal", ".localhost", ".lan", ".home.arpa", ".intranet"}) {
            if (h.endsWith(internal)) {
                return Optional.of("names under " + internal + " are internal");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> literal(String address) {
        InetAddress a;
        try {
            // A literal address is parsed without any lookup.
            a = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return Optional.of("it is not a valid address");
        }
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return Optional.of("it is a private, local or multicast address");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 0
                    || first >= 240
                    || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xFF) == 0)
                    || (first == 198 && (second == 18 || second == 19))) {
                return Optional.of("it is a reserved or shared address");
            }
        } else if (a instanceof Inet6Address && (b[0] & 0xFE) == 0xFC) {
            return Optional.of("it is a unique local address");
        }
        return Optional.empty();
    }

    private static Violation violation(String value, String reason) {
        return new Violation(FIELD, value, ALLOWED, reason);
    }
}
