package io.jenkins.plugins.happyhorse.simulator.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which callback URLs a simulated host accepts on a submit: https only, at most 1024 characters
 * (Atlas Cloud documents both; WaveSpeed documents "a public https URL" and no length). A real host
 * cannot reach this machine's loopback interface, but the simulator runs on it, so loopback https
 * is accepted. Plain http to a loopback address is refused unless the simulator was started with
 * {@code webhooksOverHttpToLoopback(true)}, a documented deviation for local use where TLS is
 * impractical.
 */
public final class CallbackTargets {
    /** The longest callback URL accepted. */
    public static final int MAX_LENGTH = 1024;

    private final boolean httpToLoopback;

    public CallbackTargets(boolean httpToLoopback) {
        this.httpToLoopback = httpToLoopback;
    }

    /** The URL, or empty when {@code raw} is not one this host would call. */
    public Optional<URI> parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return Optional.of(uri);
        }
        if (scheme.equals("http") && httpToLoopback && isLoopback(uri.getHost())) {
            return Optional.of(uri);
        }
        return Optional.empty();
    }

    /** Whether plain http to loopback is accepted. */
    public boolean httpToLoopback() {
        return httpToLoopback;
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
