package io.jenkins.plugins.happyhorse.client.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Resolves a reference (a redirect's {@code Location}) against the URL it came from, as RFC 3986
 * section 5.2 says. {@link URI#resolve(URI)} follows the older RFC 2396, which drops the last path
 * segment of the base for a query-only reference: a clip at {@code /outputs/clip.mp4} redirected
 * to {@code ?signature=renewed} would be fetched from {@code /outputs/?signature=renewed}. Raw
 * (still percent-encoded) components are used throughout, so nothing is decoded or re-encoded.
 */
final class UriReference {
    private UriReference() {}

    /**
     * The absolute URL {@code reference} points to from {@code base}.
     *
     * @param base an absolute, hierarchical URL (the one that answered with the redirect)
     * @throws URISyntaxException when {@code reference} is not a URI reference
     */
    static URI resolve(URI base, String reference) throws URISyntaxException {
        URI r = new URI(reference);
        if (r.isOpaque()) {
            return r; // e.g. mailto:…, absolute by definition
        }
        String scheme;
        String authority;
        String path;
        String query;
        if (r.getScheme() != null) {
            scheme = r.getScheme();
            authority = r.getRawAuthority();
            path = removeDotSegments(nullToEmpty(r.getRawPath()));
            query = r.getRawQuery();
        } else {
            scheme = base.getScheme();
            String refPath = nullToEmpty(r.getRawPath());
            if (r.getRawAuthority() != null) {
                authority = r.getRawAuthority();
                path = removeDotSegments(refPath);
                query = r.getRawQuery();
            } else {
                authority = base.getRawAuthority();
                if (refPath.isEmpty()) {
                    // Query-only (or empty) reference: the base's whole path stays.
                    path = nullToEmpty(base.getRawPath());
                    query = r.getRawQuery() != null ? r.getRawQuery() : base.getRawQuery();
                } else {
                    path = removeDotSegments(refPath.startsWith("/") ? refPath : merge(base, refPath));
                    query = r.getRawQuery();
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(scheme).append(':');
        if (authority != null) {
            out.append("//").append(authority);
        }
        out.append(path);
        if (query != null) {
            out.append('?').append(query);
        }
        if (r.getRawFragment() != null) {
            out.append('#').append(r.getRawFragment());
        }
        return new URI(out.toString());
    }

    /** RFC 3986 section 5.2.3: the base's path up to its last slash, then the reference's path. */
    private static String merge(URI base, String refPath) {
        String basePath = nullToEmpty(base.getRawPath());
        if (base.getRawAuthority() != null && basePath.isEmpty()) {
            return "/" + refPath;
        }
        int slash = basePath.lastIndexOf('/');
        return basePath.substring(0, slash + 1) + refPath;
    }

    /** RFC 3986 section 5.2.4; every round consumes input, so the loop ends. */
    static String removeDotSegments(String path) {
        String in = path;
        StringBuilder out = new StringBuilder();
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../")) {
                in = in.substring(3);
                dropLastSegment(out);
            } else if (in.equals("/..")) {
                in = "/";
                dropLastSegment(out);
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
                int end = next < 0 ? in.length() : next;
                out.append(in, 0, end);
                in = in.substring(end);
            }
        }
        return out.toString();
    }

    private static void dropLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
