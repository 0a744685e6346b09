package io.jenkins.plugins.happyhorse.simulator.http;

import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ties a method and path pattern to a route, its origin's style and its handler.
 *
 * @param methods the HTTP methods served
 * @param path the raw path pattern; named groups become path parameters
 * @param route the route, for counting and faults
 * @param style the origin's reply style
 * @param authenticated whether the bearer key is checked before the handler runs
 * @param endpoint the handler
 */
public record Binding(
        Set<String> methods, Pattern path, Route route, HostStyle style, boolean authenticated, Endpoint endpoint) {

    public Binding {
        methods = Set.copyOf(methods);
    }

    /** A binding for one method and a path regular expression. */
    public static Binding of(
            String method, String pathRegex, Route route, HostStyle style, boolean authenticated, Endpoint endpoint) {
        return new Binding(Set.of(method), Pattern.compile(pathRegex), route, style, authenticated, endpoint);
    }
}
