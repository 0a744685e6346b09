package io.jenkins.plugins.happyhorse.client.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Alibaba Model Studio is reached: a region chosen by name ({@code singapore}, {@code
 * beijing}) or by base URL (a region's host, a workspace domain {@code
 * https://{WorkspaceId}.{region}.maas.aliyuncs.com}, the local simulator's loopback URL). Keys,
 * models and endpoints belong to one region: a key made in Singapore is unknown in Beijing, and
 * the host answers it exactly as a wrong key. The engine takes the base URL ({@code
 * RenderEngine.Builder.endpoint(ProviderId.MODELSTUDIO, region.baseUrl())}); messages name the
 * region with {@link #describe()}.
 *
 * <p>The command line and the plugin parse the user's text here ({@link #parse}) and report
 * {@link #ALLOWED} when it is neither a region nor a usable base URL.
 */
public final class ModelStudioRegion {
    /** Singapore, the international region: the engine's default. */
    public static final ModelStudioRegion SINGAPORE =
            new ModelStudioRegion("singapore", "Singapore", URI.create("https://dashscope-intl.aliyuncs.com/api/v1"));

    /** Beijing, the mainland China region (the only one documented to offer temporary storage). */
    public static final ModelStudioRegion BEIJING =
            new ModelStudioRegion("beijing", "Beijing", URI.create("https://dashscope.aliyuncs.com/api/v1"));

    /** What {@link #parse} accepts, for a message naming the field and the value. */
    public static final String ALLOWED = "singapore, beijing, or an API base URL such as"
            + " https://dashscope-intl.aliyuncs.com/api/v1 or a workspace domain"
            + " https://{WorkspaceId}.{ap-southeast-1|us-east-1|cn-beijing|eu-central-1|ap-northeast-1}"
            + ".maas.aliyuncs.com";

    /** The path the API lives under on every Model Studio host. */
    static final String API_PATH = "/api/v1";

    /** Workspace domains: the workspace id, then the region code. */
    private static final Pattern WORKSPACE =
            Pattern.compile("([a-z0-9][a-z0-9-]*)\\.(ap-southeast-1|us-east-1|cn-beijing|eu-central-1|ap-northeast-1)"
                    + "\\.maas\\.aliyuncs\\.com");

    private static final Map<String, String> REGION_CODES = Map.of(
            "ap-southeast-1", "Singapore",
            "us-east-1", "Virginia",
            "cn-beijing", "Beijing",
            "eu-central-1", "Frankfurt",
            "ap-northeast-1", "Tokyo");

    private final String name;
    private final String label;
    private final URI baseUrl;

    private ModelStudioRegion(String name, String label, URI baseUrl) {
        this.name = name;
        this.label = label;
        this.baseUrl = baseUrl;
    }

    /**
     * The region {@code text} names: {@code singapore} (also {@code intl}) or {@code beijing} (also
     * {@code cn}), in any case; or a base URL: https to any host (a region's, a workspace domain,
     * a proxy), or plain http to a loopback host (the local simulator). A workspace domain given
     * without a path gets {@code /api/v1}. Empty for anything else, and for a URL carrying a user,
     * a query or a fragment.
     */
    public static Optional<ModelStudioRegion> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "singapore", "intl", "international", "ap-southeast-1":
                return Optional.of(SINGAPORE);
            case "beijing", "cn", "china", "cn-beijing":
                return Optional.of(BEIJING);
            default:
                break;
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return Optional.empty();
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopbackHttp = scheme.equals("http") && Loopback.isLoopbackHost(uri.getHost());
        if (!scheme.equals("https") && !loopbackHttp) {
            return Optional.empty();
        }
        Matcher workspace = WORKSPACE.matcher(uri.getHost().toLowerCase(Locale.ROOT));
        if (workspace.matches()
                && (uri.getRawPath() == null
                        || uri.getRawPath().isEmpty()
                        || uri.getRawPath().equals("/"))) {
            uri = URI.create("https://" + uri.getRawAuthority() + API_PATH);
        }
        return Optional.of(of(uri));
    }

    /** What is known of the region behind {@code baseUrl}, whichever URL it is; never fails. */
    public static ModelStudioRegion of(URI baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
        if (sameBase(baseUrl, SINGAPORE.baseUrl)) {
            return SINGAPORE;
        }
        if (sameBase(baseUrl, BEIJING.baseUrl)) {
            return BEIJING;
        }
        Matcher workspace = WORKSPACE.matcher(host);
        if (workspace.matches()) {
            String code = workspace.group(2);
            return new ModelStudioRegion(
                    code,
                    "workspace " + workspace.group(1) + " in " + REGION_CODES.get(code) + " (" + code + ")",
                    baseUrl);
        }
        if ("http".equalsIgnoreCase(baseUrl.getScheme()) && Loopback.isLoopbackHost(host)) {
            return new ModelStudioRegion("local", "a local simulator", baseUrl);
        }
        return new ModelStudioRegion("custom", "a region not recognised from the URL", baseUrl);
    }

    /** The region's short name: {@code singapore}, {@code beijing}, a region code, {@code local} or {@code custom}. */
    public String name() {
        return name;
    }

    /** The API base URL the host's paths are appended to. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The base URL and the region in words, e.g. {@code https://dashscope-intl.aliyuncs.com/api/v1 (Singapore)}. */
    public String describe() {
        return baseUrl + " (" + label + ")";
    }

    /**
     * Whether Model Studio documents its temporary storage for local files in this region: only
     * Beijing's [doc, 2026], and the local simulator, which plays it everywhere.
     */
    public boolean temporaryStorageDocumented() {
        return name.equals("beijing") || name.equals("cn-beijing") || name.equals("local");
    }

    private static boolean sameBase(URI a, URI b) {
        return stripSlash(a.toString()).equalsIgnoreCase(stripSlash(b.toString()));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelStudioRegion r && name.equals(r.name) && baseUrl.equals(r.baseUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, baseUrl);
    }

    @Override
    public String toString() {
        return describe();
    }
}
