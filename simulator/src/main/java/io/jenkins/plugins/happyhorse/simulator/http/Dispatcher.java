package io.jenkins.plugins.happyhorse.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.happyhorse.simulator.MediaAuthorization;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.FaultPlan;
import io.jenkins.plugins.happyhorse.simulator.stats.StatsRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * The one handler of an origin: finds the route, counts the request, plays the fault plan,
 * checks the bearer key, runs the endpoint and sends (or damages, or withholds) the reply.
 *
 * <p>No thread waits here: a delayed request is re-dispatched by a timer, a request that gets
 * no reply is parked in {@link HeldExchanges}.
 */
public final class Dispatcher implements HttpHandler {

    /**
     * What an origin answers to a path none of its bindings serves.
     *
     * @param prefix the raw path prefix this fallback covers ("" for everything)
     * @param style the style of the reply
     * @param status the status (Atlas Cloud answers 401, the others 404)
     * @param message the error message
     */
    public record Fallback(String prefix, HostStyle style, int status, String message) {}

    private final List<Binding> bindings;
    private final List<Fallback> fallbacks;
    private final FaultPlan faults;
    private final StatsRecorder stats;
    private final byte[] expectedAuthorization;
    private final String apiKey;
    private final Consumer<MediaAuthorization> authorizations;
    private final boolean mediaOrigin;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final HeldExchanges held;
    private final AtomicLong requestIds;

    /**
     * @param bindings the routes this origin serves
     * @param fallbacks what unrouted paths answer, most specific prefix first
     * @param mediaOrigin whether this is the media origin (records Authorization headers)
     */
    public Dispatcher(
            List<Binding> bindings,
            List<Fallback> fallbacks,
            FaultPlan faults,
            StatsRecorder stats,
            String apiKey,
            boolean mediaOrigin,
            Executor executor,
            ScheduledExecutorService scheduler,
            HeldExchanges held,
            long seed) {
        this(
                bindings,
                fallbacks,
                faults,
                stats,
                apiKey,
                mediaOrigin ? stats::mediaAuthorization : null,
                mediaOrigin,
                executor,
                scheduler,
                held,
                seed);
    }

    /**
     * A dispatcher for an origin other than the API and the media origin, such as a host's own
     * storage origin: it records every Authorization header into {@code authorizations}.
     *
     * @param bindings the routes this origin serves
     * @param fallbacks what unrouted paths answer, most specific prefix first
     * @param authorizations where every Authorization header reaching this origin is recorded
     */
    public Dispatcher(
            List<Binding> bindings,
            List<Fallback> fallbacks,
            FaultPlan faults,
            StatsRecorder stats,
            String apiKey,
            Consumer<MediaAuthorization> authorizations,
            Executor executor,
            ScheduledExecutorService scheduler,
            HeldExchanges held,
            long seed) {
        this(bindings, fallbacks, faults, stats, apiKey, authorizations, false, executor, scheduler, held, seed);
    }

    private Dispatcher(
            List<Binding> bindings,
            List<Fallback> fallbacks,
            FaultPlan faults,
            StatsRecorder stats,
            String apiKey,
            Consumer<MediaAuthorization> authorizations,
            boolean mediaOrigin,
            Executor executor,
            ScheduledExecutorService scheduler,
            HeldExchanges held,
            long seed) {
        this.bindings = List.copyOf(bindings);
        this.fallbacks = List.copyOf(fallbacks);
        this.faults = faults;
        this.stats = stats;
        this.apiKey = apiKey;
        this.expectedAuthorization = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
        this.authorizations = authorizations;
        this.mediaOrigin = mediaOrigin;
        this.executor = executor;
        this.scheduler = scheduler;
        this.held = held;
        this.requestIds = new AtomicLong(seed * 0x9E3779B97F4A7C15L);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            dispatch(exchange);
        } catch (IOException | RuntimeException e) {
            // The client went away or a handler failed: nothing sensible can be sent any more.
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        if (authorizations != null) {
            recordAuthorization(exchange, method, path);
        }
        for (Binding binding : bindings) {
            Matcher matcher = binding.path().matcher(path);
            if (matcher.matches() && binding.methods().contains(method)) {
                Call call = new Call(exchange, matcher, nextRequestId());
                stats.request(binding.route());
                Optional<Fault> fault = faults.take(binding.route());
                if (fault.isPresent()) {
                    stats.fault(fault.get());
                    play(fault.get(), call, binding);
                } else {
                    send(call, binding.style(), produce(call, binding));
                }
                return;
            }
        }
        stats.unmatched();
        Call call = new Call(exchange, null, nextRequestId());
        for (Fallback fallback : fallbacks) {
            if (path.startsWith(fallback.prefix())) {
                send(call, fallback.style(), fallback.style().error(fallback.status(), fallback.message(), call));
                return;
            }
        }
        send(call, (s, m, c) -> Reply.text(s, m), Reply.text(404, "not found"));
    }

    private void play(Fault fault, Call call, Binding binding) throws IOException {
        HostStyle style = binding.style();
        switch (fault.kind()) {
            case STATUS:
                Reply error = style.error(fault.status(), statusMessage(fault.status()), call);
                if (fault.retryAfter().isPresent() && style.sendsRetryAfter()) {
                    long seconds = (fault.retryAfter().get().toMillis() + 999) / 1000;
                    error.header("Retry-After", Long.toString(seconds));
                }
                send(call, style, error);
                return;
            case RESET:
                drop(call);
                return;
            case DELAY:
                delay(fault, call, binding);
                return;
            case NO_REPLY:
                held.hold(call.exchange());
                return;
            case LOST_SUBMIT_REPLY:
                produce(call, binding);
                drop(call);
                return;
            case MALFORMED_JSON:
                byte[] broken = "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":,\"status\":\"completed\""
                        .getBytes(StandardCharsets.UTF_8);
                send(call, style, Reply.of(200, "application/json", ReplyBody.of(broken)));
                return;
            case TRUNCATED_BODY:
                sendTruncated(call, style, produce(call, binding));
                return;
            case CORRUPT_BODY:
                Reply reply = produce(call, binding);
                send(call, style, reply.withBody(DamagedBodies.scrambled(reply.body())));
                return;
            case REDIRECT:
                Reply redirect = Reply.empty(fault.status())
                        .header("Location", fault.location().orElseThrow().toString());
                send(call, style, redirect);
                return;
            default:
                throw new IllegalStateException("unknown fault " + fault);
        }
    }

    private void delay(Fault fault, Call call, Binding binding) {
        Runnable resume = () -> {
            try {
                send(call, binding.style(), produce(call, binding));
            } catch (IOException | RuntimeException e) {
                call.exchange().close();
            }
        };
        try {
            scheduler.schedule(
                    () -> {
                        try {
                            executor.execute(resume);
                        } catch (RejectedExecutionException e) {
                            call.exchange().close();
                        }
                    },
                    fault.delay().toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            call.exchange().close();
        }
    }

    private Reply produce(Call call, Binding binding) throws IOException {
        HostStyle style = binding.style();
        if (binding.authenticated() && !authorized(call)) {
            stats.authenticationFailure();
            return style.error(401, "Unauthorized: the request carries no valid API key", call);
        }
        try {
            return binding.endpoint().handle(call);
        } catch (HttpProblem problem) {
            Reply error = style.error(problem.status(), problem.getMessage(), call);
            if (problem.retryAfter() != null && style.sendsRetryAfter()) {
                error.header(
                        "Retry-After",
                        Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
            }
            return error;
        } catch (RuntimeException e) {
            // A defect in the simulator itself: answer visibly instead of dropping the connection.
            return style.error(500, "simulator error: " + e.getClass().getSimpleName(), call);
        }
    }

    private boolean authorized(Call call) {
        String value = call.header("Authorization");
        if (value == null) {
            return false;
        }
        // Compare in constant time; accept any capitalisation of the scheme word.
        String normalised = value.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + value.substring(7) : value;
        return MessageDigest.isEqual(normalised.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private void recordAuthorization(HttpExchange exchange, String method, String path) {
        List<String> values = exchange.getRequestHeaders().get("Authorization");
        if (values == null) {
            return;
        }
        for (String value : values) {
            String trimmed = value.trim();
            int space = trimmed.indexOf(' ');
            String scheme = space < 0 ? "" : trimmed.substring(0, space);
            authorizations.accept(
                    new MediaAuthorization(method, path, scheme, !apiKey.isEmpty() && value.contains(apiKey)));
        }
    }

    private void send(Call call, HostStyle style, Reply reply) throws IOException {
        style.decorate(reply, call);
        HttpExchange exchange = call.exchange();
        for (Map.Entry<String, List<String>> header : reply.headers().entrySet()) {
            exchange.getResponseHeaders().put(header.getKey(), header.getValue());
        }
        long length = reply.body().length();
        try {
            if (call.isHead()) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(reply.status(), -1);
                return;
            }
            exchange.sendResponseHeaders(reply.status(), length == 0 ? -1 : length);
            if (length > 0) {
                if (mediaOrigin && reply.status() < 300) {
                    // Counted up front: a client may hold the last byte before a count made afterwards.
                    stats.mediaBytes(length);
                }
                try (OutputStream out = exchange.getResponseBody()) {
                    reply.body().writeTo(out);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private void sendTruncated(Call call, HostStyle style, Reply reply) throws IOException {
        style.decorate(reply, call);
        HttpExchange exchange = call.exchange();
        for (Map.Entry<String, List<String>> header : reply.headers().entrySet()) {
            exchange.getResponseHeaders().put(header.getKey(), header.getValue());
        }
        long length = reply.body().length();
        if (length < 2) {
            drop(call);
            return;
        }
        try {
            exchange.sendResponseHeaders(reply.status(), length);
            DamagedBodies.writeHalf(reply.body(), exchange.getResponseBody());
        } finally {
            // The fixed-length stream is short, so closing the exchange closes the connection.
            exchange.close();
        }
    }

    private static void drop(Call call) {
        // Closing before the status line is sent makes the server close the connection (with a
        // reset when request bytes are still unread): the client receives no reply at all.
        call.exchange().close();
    }

    private String nextRequestId() {
        long id = requestIds.incrementAndGet();
        return String.format(Locale.ROOT, "%016x", Long.reverse(id * 0xBF58476D1CE4E5B9L));
    }

    private static String statusMessage(int status) {
        switch (status) {
            case 429:
                return "Too many requests: rate limit exceeded, slow down";
            case 500:
                return "Internal server error";
            case 502:
                return "Bad gateway";
            case 503:
                return "Service temporarily unavailable";
            case 504:
                return "Gateway timeout";
            default:
                return "HTTP " + status;
        }
    }
}
