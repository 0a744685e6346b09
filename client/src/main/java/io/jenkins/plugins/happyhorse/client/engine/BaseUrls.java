package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.http.Origin;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;
import java.util.Locale;

/** What the engine accepts as a host's API base URL, and when two of them are the same. */
final class BaseUrls {
    private BaseUrls() {}

    /** Whether two base URLs are the same, but for a trailing slash. */
    static boolean sameBase(URI a, URI b) {
        return stripSlash(a.toString()).equals(stripSlash(b.toString()));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Checks an API base URL: https, or plain http to a loopback host (the local simulator).
     *
     * @throws IllegalArgumentException naming the setting
     */
    static URI check(ProviderId provider, URI url) {
        String setting = "the API base URL for " + provider.id();
        if (url == null || !url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException(setting + " must be an absolute URL such as " + provider.defaultBaseUrl()
                    + ", was " + (url == null ? "empty" : Origin.describe(url)));
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    setting + " must not carry a user, query or fragment: " + Origin.describe(url));
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return url;
        }
        if (scheme.equals("http") && Origin.isLoopbackHost(url.getHost())) {
            return url;
        }
        throw new IllegalArgumentException(setting + " must use https (plain http is allowed only for loopback hosts"
                + " such as the local simulator), was " + Origin.describe(url));
    }
}
