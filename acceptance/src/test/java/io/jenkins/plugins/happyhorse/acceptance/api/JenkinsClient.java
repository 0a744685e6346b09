package io.jenkins.plugins.happyhorse.acceptance.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A small client of Jenkins' HTTP API as one user (or anonymous): a session with its cookies,
 * the user's password sent with every request (Basic), and the CSRF crumb fetched for that
 * session and sent with every POST. The base URL is asked for on every request, since a
 * restarted Jenkins listens on a new port.
 */
public final class JenkinsClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<URI> base;
    private final Optional<String> user;
    private final Optional<String> authorization;
    private HttpClient http;
    private String crumbField;
    private String crumb;
    private URI crumbBase;

    private JenkinsClient(Supplier<URI> base, String user, String password) {
        this.base = base;
        this.user = Optional.ofNullable(user);
        this.authorization = user == null
                ? Optional.empty()
                : Optional.of("Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        this.http = newHttp();
    }

    /** A client that signs in as {@code user}. */
    public static JenkinsClient as(Supplier<URI> base, String user, String password) {
        return new JenkinsClient(base, user, password);
    }

    /** A client without credentials. */
    public static JenkinsClient anonymous(Supplier<URI> base) {
        return new JenkinsClient(base, null, null);
    }

    /** Who this client is ({@code anonymous} when no one). */
    public String user() {
        return user.orElse("anonymous");
    }

    /** Jenkins' root URL now, ending in a slash. */
    public URI root() {
        return base.get();
    }

    /** The absolute URL of {@code path} (relative to the root, no leading slash needed). */
    public URI url(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return root().resolve(relative);
    }

    /** GET {@code path}; the answer whatever its status. */
    public HttpResponse<String> get(String path) {
        return send(request(path).GET(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET {@code path} as bytes; the answer whatever its status. */
    public HttpResponse<byte[]> getBytes(String path) {
        return send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET {@code path}, which must answer 200 with JSON. */
    public JsonNode json(String path) {
        HttpResponse<String> reply = get(path);
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("GET " + url(path) + " as " + user() + " answered " + reply.statusCode());
        }
        return Json.parse(reply.body());
    }

    /** GET {@code path}, which must answer 200; its body. */
    public String text(String path) {
        HttpResponse<String> reply = get(path);
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("GET " + url(path) + " as " + user() + " answered " + reply.statusCode());
        }
        return reply.body();
    }

    /** POST a form (with the crumb); the answer whatever its status. */
    public HttpResponse<String> postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body);
    }

    /** POST {@code body} of {@code contentType} (with the crumb); the answer whatever its status. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        HttpResponse<String> reply = postOnce(path, contentType, body);
        if (reply.statusCode() == 403 && reply.body().contains("No valid crumb")) {
            // The session expired (Jenkins restarted): a new session, a new crumb, once more.
            resetSession();
            reply = postOnce(path, contentType, body);
        }
        return reply;
    }

    /** POST without the crumb, as a cross-site form would. */
    public HttpResponse<String> postWithoutCrumb(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(
                request(path)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Forgets the session and its crumb (after a restart). */
    public synchronized void resetSession() {
        http = newHttp();
        crumb = null;
        crumbField = null;
        crumbBase = null;
    }

    private HttpResponse<String> postOnce(String path, String contentType, String body) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        Map<String, String> crumbHeader = crumb();
        crumbHeader.forEach(request::header);
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private synchronized Map<String, String> crumb() {
        URI now = root();
        if (crumb == null || !now.equals(crumbBase)) {
            HttpResponse<String> reply = get("crumbIssuer/api/json");
            if (reply.statusCode() == 404) {
                // CSRF protection is off: nothing to send.
                return Map.of();
            }
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("No crumb for " + user() + ": HTTP " + reply.statusCode());
            }
            JsonNode json = Json.parse(reply.body());
            crumbField = json.path("crumbRequestField").asText();
            crumb = json.path("crumb").asText();
            crumbBase = now;
        }
        Map<String, String> header = new LinkedHashMap<>();
        header.put(crumbField, crumb);
        return header;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(TIMEOUT);
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        HttpClient client;
        synchronized (this) {
            client = http;
        }
        HttpRequest built = request.build();
        try {
            return client.send(built, handler);
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + built.method() + " " + built.uri(), e);
        }
    }

    private static HttpClient newHttp() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
