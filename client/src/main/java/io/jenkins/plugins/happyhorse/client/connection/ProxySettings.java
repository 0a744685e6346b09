package io.jenkins.plugins.happyhorse.client.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Which HTTP proxy to use, if any: none, the standard settings of the environment ({@code
 * https.proxyHost}/{@code https.proxyPort} system properties, else {@code HTTPS_PROXY}/{@code
 * https_proxy}, with {@code http.nonProxyHosts}/{@code NO_PROXY}), or an explicit host and port with
 * optional credentials and non-proxy host patterns (what Jenkins' proxy configuration holds).
 * Loopback hosts never go through a proxy. The password never appears in {@link #toString()}.
 */
public final class ProxySettings {
    private static final ProxySettings NONE = new ProxySettings(null, -1, null, null, List.of());

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final List<String> nonProxyHosts;
    private final List<Pattern> bypass;

    private ProxySettings(String host, int port, String username, String password, List<String> nonProxyHosts) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.nonProxyHosts = List.copyOf(nonProxyHosts);
        List<Pattern> patterns = new ArrayList<>();
        for (String p : nonProxyHosts) {
            String glob = p.strip().toLowerCase(Locale.ROOT);
            if (!glob.isEmpty()) {
                patterns.add(Pattern.compile(
                        Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("\\Q\\E", "")));
            }
        }
        this.bypass = List.copyOf(patterns);
    }

    /** Direct connections. */
    public static ProxySettings none() {
        return NONE;
    }

    /** A proxy at {@code host}:{@code port}. */
    public static ProxySettings of(String host, int port) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The proxy host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The proxy port must be from 1 to 65535, was " + port);
        }
        return new ProxySettings(host.strip(), port, null, null, List.of());
    }

    /** These settings with proxy credentials (Basic authentication to the proxy). */
    public ProxySettings withCredentials(String username, String password) {
        requireProxy();
        return new ProxySettings(host, port, username, password, nonProxyHosts);
    }

    /**
     * These settings with hosts that bypass the proxy: patterns such as {@code *.example.com} or
     * {@code internal-host} ({@code *} matches any characters).
     */
    public ProxySettings withNonProxyHosts(List<String> patterns) {
        return new ProxySettings(host, port, username, password, patterns == null ? List.of() : patterns);
    }

    /** The standard settings of this process's system properties and environment. */
    public static ProxySettings fromEnvironment() {
        return fromEnvironment(System.getProperties(), System.getenv());
    }

    /**
     * The standard settings of the given system properties and environment variables: {@code
     * https.proxyHost} (with {@code https.proxyPort}, default 443, and {@code http.nonProxyHosts},
     * separated by {@code |}) win over {@code HTTPS_PROXY}/{@code https_proxy} (a URL, possibly
     * with user and password, with {@code NO_PROXY}/{@code no_proxy}, separated by commas).
     */
    public static ProxySettings fromEnvironment(Properties properties, Map<String, String> environment) {
        String propertyHost = properties.getProperty("https.proxyHost");
        if (propertyHost != null && !propertyHost.isBlank()) {
            int port = parsePort(properties.getProperty("https.proxyPort"), 443);
            List<String> nonProxy = new ArrayList<>();
            String raw = properties.getProperty("http.nonProxyHosts");
            if (raw != null) {
                for (String p : raw.split("\\|")) {
                    nonProxy.add(p.strip());
                }
            }
            String user = properties.getProperty("https.proxyUser");
            String pass = properties.getProperty("https.proxyPassword");
            ProxySettings s = of(propertyHost, port).withNonProxyHosts(nonProxy);
            return user == null ? s : s.withCredentials(user, pass);
        }
        String url = firstNonBlank(environment.get("HTTPS_PROXY"), environment.get("https_proxy"));
        if (url == null) {
            return NONE;
        }
        URI uri;
        try {
            uri = new URI(url.contains("://") ? url.strip() : "http://" + url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("HTTPS_PROXY is not a valid URL (expected http://host:port)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("HTTPS_PROXY has no host (expected http://host:port)");
        }
        ProxySettings s = of(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80)
                .withNonProxyHosts(
                        noProxyPatterns(firstNonBlank(environment.get("NO_PROXY"), environment.get("no_proxy"))));
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String pass = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            s = s.withCredentials(user, pass);
        }
        return s;
    }

    /** Converts {@code NO_PROXY} entries ({@code example.com}, {@code .example.com}, {@code *}) to patterns. */
    static List<String> noProxyPatterns(String noProxy) {
        List<String> out = new ArrayList<>();
        if (noProxy == null) {
            return out;
        }
        for (String entry : noProxy.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*")) {
                out.add("*");
                continue;
            }
            if (!e.startsWith("[") && e.indexOf(':') == e.lastIndexOf(':') && e.contains(":")) {
                e = e.substring(0, e.indexOf(':'));
            }
            String domain = e.startsWith("*.") ? e.substring(2) : e.startsWith(".") ? e.substring(1) : e;
            out.add(domain);
            out.add("*." + domain);
        }
        return out;
    }

    /** Whether a proxy is configured at all. */
    public boolean isEnabled() {
        return host != null;
    }

    /** The proxy host, if any. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The proxy port, or -1 when there is no proxy. */
    public int port() {
        return port;
    }

    /** The proxy user name, if any. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The proxy password, if any; for the transport only. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The non-proxy host patterns, as given. */
    public List<String> nonProxyHosts() {
        return nonProxyHosts;
    }

    /** Whether a connection to {@code targetHost} goes direct: no proxy, loopback, or a non-proxy pattern. */
    public boolean bypasses(String targetHost) {
        if (host == null || Loopback.isLoopbackHost(targetHost)) {
            return true;
        }
        String h = targetHost.toLowerCase(Locale.ROOT);
        for (Pattern p : bypass) {
            if (p.matcher(h).matches()) {
                return true;
            }
        }
        return false;
    }

    private void requireProxy() {
        if (host == null) {
            throw new IllegalStateException("No proxy host is configured");
        }
    }

    private static int parsePort(String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("https.proxyPort is not a number: " + raw.strip(), e);
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySettings p
                && Objects.equals(host, p.host)
                && port == p.port
                && Objects.equals(username, p.username)
                && Objects.equals(password, p.password)
                && nonProxyHosts.equals(p.nonProxyHosts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, nonProxyHosts);
    }

    @Override
    public String toString() {
        if (host == null) {
            return "ProxySettings(none)";
        }
        return "ProxySettings(" + host + ":" + port + (username == null ? "" : ", user " + username + ", password ****")
                + (nonProxyHosts.isEmpty() ? "" : ", nonProxyHosts " + nonProxyHosts) + ")";
    }
}
