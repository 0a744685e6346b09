package io.jenkins.plugins.happyhorse.client.http;

import io.jenkins.plugins.happyhorse.client.connection.Loopback;
import java.net.URI;
import java.util.Locale;

/**
 * The scheme, host and port of a URL: the unit the API key is bound to. Two URLs share an origin
 * only when all three are equal (default ports made explicit).
 *
 * @param scheme lower-case scheme
 * @param host lower-case host
 * @param port explicit port
 */
public record Origin(String scheme, String host, int port) {

    /** The origin of {@code uri}; throws {@link IllegalArgumentException} when it has no host. */
    public static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("The URL has no host: " + describe(uri));
        }
        int port = uri.getPort();
        if (port < 0) {
            port = scheme.equals("http") ? 80 : 443;
        }
        return new Origin(scheme, host.toLowerCase(Locale.ROOT), port);
    }

    /** Whether {@code host} names this machine's loopback interface (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopbackHost(String host) {
        return Loopback.isLoopbackHost(host);
    }

    /** Whether {@code uri} is plain http to a loopback host (the local simulator). */
    public static boolean isLoopbackHttp(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) && isLoopbackHost(uri.getHost());
    }

    /** A URL for a message: scheme, host, port and path, without query or user info. */
    public static String describe(URI uri) {
        if (uri == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        if (uri.getScheme() != null) {
            b.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            b.append(uri.getHost());
            if (uri.getPort() >= 0) {
                b.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            String path = uri.getRawPath();
            b.append(path.length() > 120 ? path.substring(0, 119) + "…" : path);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
